// The case use cases' ports as the gateway builds them inside a db_write job (writer thread,
// one transaction): the case store (storage/sql_case_store.hpp) and the request's audit
// trail (request_audit_trail.hpp), so that a refusal the use case records is not written a
// second time after the handler.
#pragma once

#include "core/audit_event.hpp"
#include "core/use_cases/register_case.hpp"
#include "gateway/app.hpp"
#include "gateway/request_audit_trail.hpp"
#include "storage/sql_case_store.hpp"
#include "storage/txn.hpp"

#include <utility>

namespace enlace::gateway {

class WriterCasePorts {
 public:
  WriterCasePorts(storage::WriteTxn& tx, core::AuditContext origin, RequestAudit& audit)
      : store_(tx), audit_(tx, std::move(origin), audit) {}
  core::CasePorts ports() { return {store_, audit_}; }

 private:
  storage::SqlCaseStore store_;
  RequestAuditTrail audit_;
};

// The db_write job that runs `use_case(ports, now)` on the case ports over the job's
// transaction, audited as `req` (who, from where, when). It holds no rule and no JSON.
template <class UseCase>
auto case_job(Request& req, UseCase use_case) {
  return [use_case = std::move(use_case), ctx = audit_context(req),
          &request_audit = req.audit](storage::WriteTxn& tx) {
    WriterCasePorts ports(tx, ctx, request_audit);
    return use_case(ports.ports(), ctx.at);
  };
}

}  // namespace enlace::gateway
