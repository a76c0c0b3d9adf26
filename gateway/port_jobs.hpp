// The jobs that run a use case on its ports: inside a db_write job (writer thread, one
// transaction) a store over the job's transaction and the request's audit trail
// (request_audit_trail.hpp); inside a db_read job a reader over the read snapshot. The jobs
// hold the use case's typed input only: no JSON on the writer; the handler renders afterwards.
#pragma once

#include "core/audit_event.hpp"
#include "gateway/app.hpp"
#include "gateway/request_audit_trail.hpp"
#include "storage/txn.hpp"

#include <utility>

namespace enlace::gateway {

// The db_write job that calls `use_case(Ports{store, trail}, now)` for `req` (now: the
// request's clock), the store a `Store` over the job's transaction.
template <class Store, class Ports, class UseCase>
auto write_on_ports(Request& req, UseCase use_case) {
  return [use_case = std::move(use_case), origin = audit_context(req),
          &request_audit = req.audit](storage::WriteTxn& tx) {
    Store store(tx);
    RequestAuditTrail audit(tx, origin, request_audit);
    return use_case(Ports{store, audit}, origin.at);
  };
}

// The db_read job that calls `use_case(reader)`, a `Reader` over the read snapshot.
template <class Reader, class UseCase>
auto read_on_port(UseCase use_case) {
  return [use_case = std::move(use_case)](storage::ReadTxn& tx) {
    Reader reader(tx);
    return use_case(reader);
  };
}

}  // namespace enlace::gateway
