// The jobs that run a use case on its ports: inside a db_write job (writer thread, one
// transaction) a store of the job's unit of work and the request's audit trail
// (request_audit_trail.hpp); inside a db_read job a reader of the read snapshot's unit. The
// ports are chosen by the unit's accessor (core/ports/units_of_work.hpp), e.g.
// `read_on(&core::ReadUnit::gap_report, use_case)`. The jobs hold the use case's typed input
// only: no JSON on the writer; the handler renders afterwards.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/units_of_work.hpp"
#include "gateway/app.hpp"
#include "gateway/request_audit_trail.hpp"

#include <utility>

namespace enlace::gateway {

// The db_write job that calls `use_case(Ports{(unit.*store)(), trail}, now)` for `req` (now:
// the request's clock).
template <class Ports, class Store, class UseCase>
auto write_on_ports(Request& req, Store& (core::WriteUnit::*store)(), UseCase use_case) {
  return [use_case = std::move(use_case), store, origin = audit_context(req),
          &request_audit = req.audit](core::WriteUnit& unit) {
    RequestAuditTrail audit(unit, origin, request_audit);
    return use_case(Ports{(unit.*store)(), audit}, origin.at);
  };
}

// The db_read job that calls `use_case((unit.*reader)())` on the read snapshot.
template <class Reader, class UseCase>
auto read_on(Reader& (core::ReadUnit::*reader)(), UseCase use_case) {
  return [use_case = std::move(use_case), reader](core::ReadUnit& unit) {
    return use_case((unit.*reader)());
  };
}

// The db_write job that runs `use_case((unit.*port)())` on one port: for the writes that audit
// nothing (a session's use, a rate bucket). Those that audit go through write_on_ports.
template <class Port, class UseCase>
auto write_on(Port& (core::WriteUnit::*port)(), UseCase use_case) {
  return [use_case = std::move(use_case), port](core::WriteUnit& unit) {
    return use_case((unit.*port)());
  };
}

}  // namespace enlace::gateway
