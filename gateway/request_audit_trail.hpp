// The two writers of a request's audit events (request_audit.hpp says which writes when): the
// audit port a use case records through in the operation's own transaction, and the refusal
// event written through the writer when that transaction recorded nothing.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"
#include "gateway/app.hpp"
#include "gateway/http_types.hpp"
#include "gateway/request_audit.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace enlace::gateway {

// Writer thread, inside the operation's job: appends to the chain through `unit`'s audit
// trail as `origin` says and tells `audit` that the request's event is in the operation's
// write. A use case that records
// returns a success, so the event commits (core/use_cases/refusal.hpp).
class RequestAuditTrail final : public core::AuditTrail {
 public:
  RequestAuditTrail(core::WriteUnit& unit, const core::AuditContext& origin, RequestAudit& audit)
      : chain_(unit.audit(origin)), audit_(audit) {}
  void record(std::string action, std::string entity_type, std::string entity_id,
              std::string outcome) override;
  void record_listing(std::string action, std::string entity_type,
                      std::vector<std::string> ids) override;

 private:
  core::AuditTrail& chain_;
  RequestAudit& audit_;
};

// The db_write job of an operation whose only write is its event, after a read on the pool (a
// list page, the access report): `record(trail)` records through the request's trail.
template <class Record>
auto audit_job(Request& req, Record record) {
  return [record = std::move(record), ctx = audit_context(req),
          &request_audit = req.audit](core::WriteUnit& unit) -> core::Result<bool> {
    RequestAuditTrail trail(unit, ctx, request_audit);
    record(trail);
    return true;
  };
}

// After the handler: writes the event req.audit.refusal() names for a reply with `status`, in
// its own transaction (the operation wrote nothing, or rolled back). The error when it could
// not be written: the caller answers with it rather than leave a refusal unaudited.
boost::asio::awaitable<std::optional<core::Error>> write_refusal_event(Request& req, int status);

}  // namespace enlace::gateway
