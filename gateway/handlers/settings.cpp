// GET/PUT /api/v1/settings/response-standards: hours to respond per urgency, optionally per
// category. Any signed-in user reads them; system_admin replaces them with If-Match.
#include "core/directory_access.hpp"
#include "core/response_standards.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"
#include "storage/audit_log.hpp"
#include "storage/category_repository.hpp"
#include "storage/settings_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kStandardsFields[] = {{"hours", BodyField::object, true},
                                          {"by_category", BodyField::object}};
constexpr BodyFields standards_fields{kStandardsFields};

}  // namespace

namespace {

bj::object hours_json(const std::map<core::Urgency, int>& hours) {
  bj::object o;
  for (const auto& [u, h] : hours) o[core::to_string(u)] = h;
  return o;
}

Response standards_reply(const storage::ResponseStandardsRecord& r) {
  bj::object by_category;
  for (const auto& [category, hours] : r.standards.by_category) by_category[category] = hours_json(hours);
  bj::object o{{"hours", hours_json(r.standards.hours)},
               {"by_category", std::move(by_category)},
               {"version", r.version},
               // null while the defaults the schema stored have never been changed
               {"updated_at", core::to_millis(r.updated_at) == 0
                                  ? bj::value(nullptr)
                                  : bj::value(core::format_timestamp(r.updated_at))}};
  return with_etag(json(200, o), r.version);
}

// {"emergency": 4, ...} -> urgency name -> hours; errors name "<path>.<key>".
std::map<std::string, std::int64_t> read_hours(const bj::object& o, const std::string& path,
                                               core::FieldErrors& errors) {
  std::map<std::string, std::int64_t> out;
  for (const auto& kv : o) {
    const std::string key(kv.key());
    const auto& v = kv.value();
    if (v.is_int64())
      out[key] = v.as_int64();
    else if (v.is_uint64())
      out[key] = static_cast<std::int64_t>(std::min<std::uint64_t>(v.as_uint64(), INT64_MAX));
    else
      errors.add(path + "." + key, "must be a whole number of hours");
  }
  return out;
}

asio::awaitable<Response> get_standards(Request& req) {
  auto read = [](storage::ReadTxn& tx) -> core::Result<storage::ResponseStandardsRecord> {
    return storage::SettingsRepository::response_standards(tx);
  };
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
  if (auto by = f.object("by_category")) {
    for (const auto& kv : *by) {
      const std::string path = "by_category." + std::string(kv.key());
      if (!kv.value().is_object())
        errors.add(path, "must be an object of hours per urgency");
      else
        draft.by_category[std::string(kv.key())] = read_hours(kv.value().as_object(), path, errors);
    }
  }
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto ctx = audit_context(req);
  auto write = [ctx, draft, v = *version.version](storage::WriteTxn& tx)
      -> core::Result<storage::ResponseStandardsRecord> {
    auto current = storage::SettingsRepository::response_standards(tx);
    if (current.version != v) return core::Error::stale();
    auto categories = storage::CategoryRepository::codes(tx);
    auto standards = core::make_response_standards(draft, categories);
    if (!standards) return standards.error();
    auto saved = storage::SettingsRepository::save_response_standards(tx, *standards, v, ctx.at);
    if (saved)
      storage::append_audit(tx, ctx.event("settings.update", "setting",
                                          storage::kResponseStandardsKey));
    return saved;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return standards_reply(*saved);
}

}  // namespace

void add_settings_routes(Router& r) {
  r.add({"GET", "/api/v1/settings/response-standards", Access::signed_in, get_standards,
         "Hours to respond per urgency, optionally per category", "directory"})
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
  return s::object({{"hours", hours},
                    {"by_category", std::move(by_category)},
                    {"version", s::integer()},
                    {"updated_at", s::nullable(s::date_time())}});
}

}  // namespace enlace::gateway
