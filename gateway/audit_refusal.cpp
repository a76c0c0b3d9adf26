// Refused-request audit events: see audit_refusal.hpp.
#include "gateway/audit_refusal.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/responses.hpp"
#include "storage/audit_log.hpp"

namespace enlace::gateway {

namespace {

struct PersonalPrefix {
  std::string_view prefix;  // a route template starts with it ("/api/v1/cases" or ".../")
  std::string_view entity;
};

// Routes whose refusals are audited. Users are here because a user record holds a name.
constexpr PersonalPrefix kPersonalPrefixes[] = {
    {"/api/v1/cases", "case"},
    {"/api/v1/referrals", "referral"},
    {"/fhir/r4/Task", "referral"},
    {"/api/v1/users", "user"},
    {"/api/v1/audit", "audit"},
};

bool starts_segment(std::string_view path, std::string_view prefix) {
  return path.rfind(prefix, 0) == 0 && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

}  // namespace

std::optional<std::string> personal_data_entity(std::string_view route_pattern) {
  for (const auto& p : kPersonalPrefixes)
    if (starts_segment(route_pattern, p.prefix)) return std::string(p.entity);
  return std::nullopt;
}

Response audited_refusal(Request& req, const core::Error& error) {
  req.refusal_audited = true;
  return problem(req, error);
}

boost::asio::awaitable<void> audit_refusal(Request& req, std::string entity_type,
                                           std::string entity_id, std::string outcome) {
  req.refusal_audited = true;
  bool reading = req.method == "GET" || req.method == "HEAD";
  auto event = audit_context(req).event(entity_type + (reading ? ".read" : ".write"), entity_type,
                                        std::move(entity_id), std::move(outcome));
  auto write = [event](storage::WriteTxn& tx) -> core::Result<bool> {
    storage::append_audit(tx, event);
    return true;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved)
    log_event(LogLevel::error, "audit_refusal_failed",
              {{"request_id", req.request_id}, {"route", req.route}});
}

boost::asio::awaitable<void> audit_refused_response(Request& req, int status) {
  if (req.refusal_audited || !req.actor || (status != 403 && status != 404)) co_return;
  auto entity = personal_data_entity(req.route);
  if (!entity) co_return;
  auto id = req.params.find("id");
  bool names_entity = id != req.params.end();
  // A 404 on a collection URL says nothing about anyone's file; a 404 on /cases/{id} may be a
  // probe of another organisation's case.
  if (status == 404 && !names_entity) co_return;
  std::string entity_id = names_entity ? id->second : std::string();
  std::string outcome = status == 403 ? "denied" : "not_found";
  co_await audit_refusal(req, std::move(*entity), std::move(entity_id), std::move(outcome));
}

}  // namespace enlace::gateway
