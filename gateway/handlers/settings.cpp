// GET/PUT /api/v1/settings/response-standards: hours to respond and days to reach an outcome
// per urgency, optionally per category. Any signed-in user reads them; system_admin replaces
// them with If-Match.
#include "core/directory_access.hpp"
#include "core/response_standards.hpp"
#include "core/use_cases/response_standards.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/directory_ports.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kStandardsFields[] = {{"hours", BodyField::object, true},
                                          {"by_category", BodyField::object},
                                          {"outcome_days", BodyField::object}};
constexpr BodyFields standards_fields{kStandardsFields};

}  // namespace

namespace {

bj::object hours_json(const std::map<core::Urgency, int>& hours) {
  bj::object o;
  for (const auto& [u, h] : hours) o[core::to_string(u)] = h;
  return o;
}

bj::object by_category_json(const std::map<std::string, std::map<core::Urgency, int>>& by) {
  bj::object o;
  for (const auto& [category, figures] : by) o[category] = hours_json(figures);
  return o;
}

Response standards_reply(const core::ResponseStandardsRecord& r) {
  bj::object outcome_days = hours_json(r.standards.outcome_days);
  outcome_days["by_category"] = by_category_json(r.standards.outcome_days_by_category);
  bj::object o{{"hours", hours_json(r.standards.hours)},
               {"by_category", by_category_json(r.standards.by_category)},
               {"outcome_days", std::move(outcome_days)},
               {"version", r.version},
               // null while the defaults the schema stored have never been changed
               {"updated_at", core::to_millis(r.updated_at) == 0
                                  ? bj::value(nullptr)
                                  : bj::value(core::format_timestamp(r.updated_at))}};
  return with_etag(json(200, o), r.version);
}

// {"emergency": 4, ...} -> urgency name -> hours (or days); errors name "<path>.<key>".
// `skip` is a key that holds something else ("by_category" inside "outcome_days").
std::map<std::string, std::int64_t> read_hours(const bj::object& o, const std::string& path,
                                               core::FieldErrors& errors,
                                               std::string_view skip = {},
                                               const char* unit = "hours") {
  std::map<std::string, std::int64_t> out;
  for (const auto& kv : o) {
    const std::string key(kv.key());
    if (!skip.empty() && key == skip) continue;
    const auto& v = kv.value();
    if (v.is_int64())
      out[key] = v.as_int64();
    else if (v.is_uint64())
      out[key] = static_cast<std::int64_t>(std::min<std::uint64_t>(v.as_uint64(), INT64_MAX));
    else
      errors.add(path + "." + key, std::string("must be a whole number of ") + unit);
  }
  return out;
}

// {"shelter": {"emergency": 2}, ...} -> category -> urgency -> figure.
std::map<std::string, std::map<std::string, std::int64_t>> read_by_category(
    const bj::object& by, const std::string& prefix, core::FieldErrors& errors, const char* unit) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  for (const auto& kv : by) {
    const std::string path = prefix + "." + std::string(kv.key());
    if (!kv.value().is_object())
      errors.add(path, std::string("must be an object of ") + unit + " per urgency");
    else
      out[std::string(kv.key())] = read_hours(kv.value().as_object(), path, errors, {}, unit);
  }
  return out;
}

asio::awaitable<Response> get_standards(Request& req) {
  auto read = settings_read(
      [](core::SettingsReader& reader) { return core::read_response_standards(reader); });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return standards_reply(*found);
}

asio::awaitable<Response> put_standards(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(standards_fields);
  core::ResponseStandardsDraft draft;
  if (auto hours = f.object("hours", true)) draft.hours = read_hours(*hours, "hours", errors);
  if (auto by = f.object("by_category"))
    draft.by_category = read_by_category(*by, "by_category", errors, "hours");
  // Left out: the defaults (3, 14, 30 days), as for a missing urgency in "hours".
  if (auto days = f.object("outcome_days")) {
    draft.outcome_days = read_hours(*days, "outcome_days", errors, "by_category", "days");
    if (auto by = days->if_contains("by_category")) {
      if (!by->is_object())
        errors.add("outcome_days.by_category", "must be an object of days per urgency per category");
      else
        draft.outcome_days_by_category =
            read_by_category(by->as_object(), "outcome_days.by_category", errors, "days");
    }
  }
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto write = settings_write(req, [actor = req.caller(), draft, v = *version.version](
                                       const core::SettingsPorts& ports, core::Timestamp now) {
    return core::replace_response_standards(ports, actor, draft, v, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return standards_reply(*saved);
}

}  // namespace

void add_settings_routes(Router& r) {
  r.add({"GET", "/api/v1/settings/response-standards", Access::signed_in, get_standards,
         "Hours to respond and days to reach an outcome per urgency, optionally per category", "directory"})
      .gives(200, "ResponseStandards");
  r.add({"PUT", "/api/v1/settings/response-standards", Access::signed_in, put_standards,
         "Replace the response standards (system_admin; If-Match)", "directory"})
      .takes("ResponseStandardsDraft", standards_fields).gives(200, "ResponseStandards");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value standards_schema() {
  namespace s = schema;
  bj::object hours{{"type", "object"}, {"additionalProperties", s::integer()}};
  bj::object by_category{{"type", "object"}, {"additionalProperties", hours}};
  // outcome_days: days per urgency, and its own by_category beside them.
  bj::object outcome_days{{"type", "object"},
                          {"properties", {{"by_category", by_category}}},
                          {"additionalProperties", s::integer()}};
  return s::object({{"hours", hours},
                    {"by_category", std::move(by_category)},
                    {"outcome_days", std::move(outcome_days)},
                    {"version", s::integer()},
                    {"updated_at", s::nullable(s::date_time())}});
}

}  // namespace enlace::gateway
