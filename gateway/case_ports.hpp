// The case use cases' ports as the gateway builds them inside a db_write job (writer thread, one
// transaction): the unit's case store and the request's audit trail (request_audit_trail.hpp), so
// that a refusal the use case records is not written a second time after the handler.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/use_cases/register_case.hpp"
#include "gateway/app.hpp"
#include "gateway/request_audit_trail.hpp"


namespace enlace::gateway {

class WriterCasePorts {
 public:
  WriterCasePorts(core::WriteUnit& unit, const core::AuditContext& origin, RequestAudit& audit)
      : unit_(unit), audit_(unit, origin, audit) {}
  core::CasePorts ports() { return {unit_.cases(), audit_}; }

 private:
  core::WriteUnit& unit_;
  RequestAuditTrail audit_;
};

// The db_write job that runs `use_case(ports, now)` on the case ports of the job's unit, audited as
// `req` (who, from where, when). It holds no rule and no JSON.
template <class UseCase>
auto case_job(Request& req, UseCase use_case) {
  return [use_case = std::move(use_case), ctx = audit_context(req),
          &request_audit = req.audit](core::WriteUnit& unit) {
    WriterCasePorts ports(unit, ctx, request_audit);
    return use_case(ports.ports(), ctx.at);
  };
}

}  // namespace enlace::gateway
