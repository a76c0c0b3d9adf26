// Handler helpers: see common.hpp.
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/handlers/common.hpp"

#include "core/time.hpp"
#include "gateway/random.hpp"
#include "core/account.hpp"

#include <charconv>

namespace enlace::gateway {

namespace bj = boost::json;

BodyOrProblem read_body(const Request& req, bool empty_ok) {
  auto parsed = parse_json_object(req, empty_ok);
  if (parsed.error)
    return {std::nullopt,
            problem(req, parsed.error->status, parsed.error->type, "", parsed.error->detail)};
  return {std::move(parsed.object), std::nullopt};
}

VersionOrProblem if_match_version(const Request& req) {
  auto h = req.header("if-match");
  if (!h)
    return {std::nullopt, problem(req, 428, "precondition-required", "Precondition required",
                                  "Send If-Match with the record's version (its ETag).")};
  std::string_view v = *h;
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1)
    return {std::nullopt, problem(req, 400, "malformed-request", "",
                                  "If-Match must be the record's version, e.g. \"3\".")};
  return {n, std::nullopt};
}

bj::value optional_string(const std::optional<std::string>& s) {
  if (s) return bj::value(*s);
  return nullptr;
}

namespace {
std::string& default_language_slot() {
  static std::string language = "es";
  return language;
}
}  // namespace

void set_default_user_language(std::string language) {
  default_language_slot() = std::move(language);
}
const std::string& default_user_language() { return default_language_slot(); }

bj::object user_json(const core::UserRecord& u) {
  bj::array roles;
  for (auto r : u.roles) roles.push_back(bj::value(core::to_string(r)));
  bj::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"organization_id", u.organization_id.empty() ? bj::value(nullptr)
                                                               : bj::value(u.organization_id)},
                 {"roles", std::move(roles)},
                 {"active", u.active},
                 {"totp_enabled", u.totp_enabled},
                 {"must_change_password", u.must_change_password},
                 {"version", u.version},
                 {"created_at", core::format_timestamp(u.created_at)},
                 {"updated_at", core::format_timestamp(u.updated_at)},
                 {"email", optional_string(u.email)},
                 {"language", u.language.empty() ? default_user_language() : u.language}};
  return o;
}

Response with_etag(Response r, std::int64_t version) {
  r.set("ETag", etag(version));
  return r;
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value user_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"username", s::text()},
                    {"display_name", s::text()},
                    {"organization_id", s::nullable(s::text())},
                    {"roles", s::array(s::text())},
                    {"active", s::boolean()},
                    {"totp_enabled", s::boolean()},
                    {"must_change_password", s::boolean()},
                    {"version", s::integer()},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()},
                    {"email", s::nullable(s::text())},
                    {"language", s::text()},
                    // GET /me only
                    {"time_zone", s::nullable(s::text()), false},
                    {"totp_required", s::boolean(), false},
                    {"demo", s::boolean(), false}});
}

}  // namespace enlace::gateway
