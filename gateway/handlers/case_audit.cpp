// The caseworker gate and refusal events: see case_audit.hpp.
#include "gateway/handlers/case_audit.hpp"

#include "core/access_policy.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/responses.hpp"
#include "storage/audit_log.hpp"

namespace enlace::gateway {

namespace asio = boost::asio;

asio::awaitable<Response> refuse(Request& req, core::Error error, std::string action,
                                 std::string entity_type, std::string entity_id) {
  std::string outcome;
  if (error.code == core::ErrorCode::not_found) outcome = "not_found";
  if (error.code == core::ErrorCode::forbidden) outcome = "denied";
  if (!outcome.empty()) {
    req.refusal_audited = true;  // the dispatcher's generic refusal event would repeat this one
    auto event = audit_context(req).event(std::move(action), std::move(entity_type),
                                          std::move(entity_id), std::move(outcome));
    auto write = [event](storage::WriteTxn& tx) -> core::Result<bool> {
      storage::append_audit(tx, event);
      return true;
    };
    auto saved = co_await db_write(req.app->db, std::move(write));
    if (!saved) co_return problem(req, saved.error());
  }
  co_return problem(req, error);
}

asio::awaitable<std::optional<Response>> require_caseworker(Request& req, std::string action,
                                                            std::string entity_id) {
  if (core::can_create_case(req.caller())) co_return std::nullopt;
  auto denied = co_await refuse(req, core::Error::forbidden("Only caseworkers work with cases."),
                                std::move(action), "case", std::move(entity_id));
  co_return denied;
}

}  // namespace enlace::gateway
