// Which event a refused reply leaves: see request_audit.hpp.
#include "gateway/request_audit.hpp"

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

// The route's own statement, for a handler that stated none: "<entity>.read" (GET/HEAD) or
// "<entity>.write" on the URL's {id}.
std::optional<AuditedOperation> route_default(const RefusedReply& r) {
  if (!r.signed_in) return std::nullopt;
  auto entity = personal_data_entity(r.route);
  if (!entity) return std::nullopt;
  const std::string* id = nullptr;
  if (r.params) {
    auto it = r.params->find("id");
    if (it != r.params->end()) id = &it->second;
  }
  // A 404 on a collection URL says nothing about anyone's file; a 404 on /cases/{id} may be a
  // probe of another organisation's case.
  if (r.status == 404 && !id) return std::nullopt;
  bool reading = r.method == "GET" || r.method == "HEAD";
  return AuditedOperation{*entity + (reading ? ".read" : ".write"), *entity, id ? *id : ""};
}

}  // namespace

std::optional<std::string> personal_data_entity(std::string_view route_pattern) {
  for (const auto& p : kPersonalPrefixes)
    if (starts_segment(route_pattern, p.prefix)) return std::string(p.entity);
  return std::nullopt;
}

std::optional<AuditedRefusal> RequestAudit::refusal(const RefusedReply& reply) const {
  if (recorded_ || silent_) return std::nullopt;
  std::string outcome;
  if (reply.status == 403) outcome = "denied";
  else if (reply.status == 404) outcome = "not_found";
  else return std::nullopt;
  auto operation = stated_ ? stated_ : route_default(reply);
  if (!operation) return std::nullopt;
  return AuditedRefusal{std::move(*operation), std::move(outcome)};
}

}  // namespace enlace::gateway
