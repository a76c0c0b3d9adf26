// A request's audit writers: see request_audit_trail.hpp.
#include "gateway/request_audit_trail.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"

namespace enlace::gateway {

void RequestAuditTrail::record(std::string action, std::string entity_type,
                               std::string entity_id, std::string outcome) {
  chain_.record(std::move(action), std::move(entity_type), std::move(entity_id),
                std::move(outcome));
  audit_.recorded_ = true;
}

// A page's event is no refusal's: the request's refusal rule is left as it was.
void RequestAuditTrail::record_listing(std::string action, std::string entity_type,
                                       std::vector<std::string> ids) {
  chain_.record_listing(std::move(action), std::move(entity_type), std::move(ids));
}

boost::asio::awaitable<std::optional<core::Error>> write_refusal_event(Request& req, int status) {
  RefusedReply reply{status, req.method, req.route, &req.params, req.actor.has_value()};
  auto refused = req.audit.refusal(reply);
  if (!refused) co_return std::nullopt;
  auto write = [origin = audit_context(req), op = refused->operation,
                outcome = refused->outcome](core::WriteUnit& unit) -> core::Result<bool> {
    unit.audit(origin).record(op.action, op.entity_type, op.entity_id, outcome);
    return true;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (saved) co_return std::nullopt;
  log_event(LogLevel::error, "audit_refusal_failed",
            {{"request_id", req.request_id}, {"route", req.route}});
  co_return saved.error();
}

}  // namespace enlace::gateway
