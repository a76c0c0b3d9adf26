// GET/POST /api/v1/services and GET/PATCH /api/v1/services/{id}: service listings. Any
// signed-in user reads and searches them; the org_admin of the owning organisation writes.
#include "core/directory_access.hpp"
#include "core/language_code.hpp"
#include "core/service_listing.hpp"
#include "core/text_fold.hpp"
#include "core/use_cases/service_listings.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/directory_ports.hpp"
#include "gateway/handlers/body_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"
#include "gateway/random.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kLocationFields[] = {{"lat", BodyField::number, true},
                                         {"lon", BodyField::number, true}};
constexpr BodyFields location_fields{kLocationFields};
constexpr BodyField kOpeningFields[] = {{"weekday", BodyField::integer, true},
                                        {"opens", BodyField::text, true, 10},
                                        {"closes", BodyField::text, true, 10}};
constexpr BodyFields opening_fields{kOpeningFields};

// POST and PATCH alike (merge_*: null clears an optional value).
constexpr BodyField kServiceFields[] = {
    {"organization_id", BodyField::text, false, 100, true},
    {"category", BodyField::text, false, 100, true},
    {"name", BodyField::text, false, 1000, true},
    {"description", BodyField::text, false, 20000, true},
    {"eligibility", BodyField::text, false, 10000, true},
    {"min_age", BodyField::integer, false, 0, true},
    {"max_age", BodyField::integer, false, 0, true},
    {"languages", BodyField::texts, false, 50, true},
    {"territory_ids", BodyField::texts, false, 100, true},
    {"hours", BodyField::text, false, 2000, true},
    {"required_documents", BodyField::texts, false, 50, true},
    {"fees", BodyField::text, false, 2000, true},
    {"how_to_apply", BodyField::text, false, 10000, true},
    {"status", BodyField::text, false, 100, true},
    {"capacity", BodyField::integer, false, 0, true},  // the older name of capacity_available
    {"capacity_available", BodyField::integer, false, 0, true},
    {"accepting", BodyField::boolean, false, 0, true},
    {"expected_wait_days", BodyField::integer, false, 0, true},
    {"last_verified_at", BodyField::text, false, 100, true},
    {"address", BodyField::text, false, 2000, true},
    {"phone", BodyField::text, false, 200, true},
    {"location", BodyField::object, false, 0, true, {}, location_fields},
    {"schedule", BodyField::objects, false, 50, true, {}, opening_fields}};
constexpr BodyFields service_fields{kServiceFields};

}  // namespace

namespace {

template <class T>
bj::value optional_value(const std::optional<T>& v) {
  if (v) return bj::value(*v);
  return nullptr;
}

bj::value optional_time(const std::optional<core::Timestamp>& t) {
  if (t) return bj::value(core::format_timestamp(*t));
  return nullptr;
}

bj::array string_array(const std::vector<std::string>& v) {
  bj::array a;
  for (const auto& s : v) a.push_back(bj::value(s));
  return a;
}

bj::value location_json(const std::optional<core::GeoPoint>& p) {
  if (!p) return nullptr;
  return bj::object{{"lat", p->lat}, {"lon", p->lon}};
}

bj::array schedule_json(const std::vector<core::OpeningPeriod>& schedule) {
  bj::array a;
  for (const auto& p : schedule)
    a.push_back(bj::object{{"weekday", p.weekday},
                           {"opens", core::format_time_of_day(p.opens)},
                           {"closes", core::format_time_of_day(p.closes)}});
  return a;
}

bj::object service_json(const core::ServiceRecord& r, core::Timestamp now) {
  const auto& s = r.listing;
  return {{"id", r.id},
          {"organization_id", s.organization_id},
          {"category", s.category},
          {"name", s.name},
          {"description", optional_string(s.description)},
          {"eligibility", optional_string(s.eligibility)},
          {"min_age", optional_value(s.min_age)},
          {"max_age", optional_value(s.max_age)},
          {"languages", string_array(s.languages)},
          {"territory_ids", string_array(s.territory_ids)},
          {"hours", optional_string(s.hours)},
          {"required_documents", string_array(s.required_documents)},
          {"fees", optional_string(s.fees)},
          {"how_to_apply", optional_string(s.how_to_apply)},
          {"status", core::to_string(s.status)},
          {"address", optional_string(s.address)},
          {"phone", optional_string(s.phone)},
          {"location", location_json(s.location)},
          {"schedule", schedule_json(s.schedule)},
          {"capacity_available", optional_value(s.capacity_available)},
          // The older name of the same number (places free now), kept for existing clients.
          {"capacity", optional_value(s.capacity_available)},
          {"capacity_updated_at", optional_time(r.capacity_updated_at)},
          {"accepting", s.accepting},
          {"expected_wait_days", optional_value(s.expected_wait_days)},
          {"last_verified_at", optional_time(s.last_verified_at)},
          {"stale", core::is_stale(s.last_verified_at, now)},
          {"version", r.version},
          {"created_at", core::format_timestamp(r.created_at)},
          {"updated_at", core::format_timestamp(r.updated_at)}};
}

// {"lat": number, "lon": number}; null clears it.
void read_location(FieldReader& f, std::optional<core::GeoPointDraft>& out) {
  if (!f.has("location")) return;
  if (f.is_null("location")) {
    out.reset();
    return;
  }
  const auto* o = f.object("location");
  if (!o) return;
  core::FieldErrors& errors = f.errors();
  FieldReader inner(*o, f.path("location"), errors);
  inner.only(location_fields);
  core::GeoPointDraft p;
  for (const char* key : {"lat", "lon"}) {
    const auto* v = o->if_contains(key);
    if (!v || !v->is_number()) {
      inner.error(key, "must be a number");
      continue;
    }
    (std::string_view(key) == "lat" ? p.lat : p.lon) = v->to_number<double>();
  }
  out = p;
}

// [{"weekday": 1..7, "opens": "HH:MM", "closes": "HH:MM"}]; null or [] clears it.
void read_schedule(FieldReader& f, std::optional<std::vector<core::OpeningDraft>>& out) {
  if (!f.has("schedule")) return;
  if (f.is_null("schedule")) {
    out.reset();
    return;
  }
  const auto* a = f.array("schedule");
  if (!a) return;
  std::vector<core::OpeningDraft> entries;
  for (std::size_t i = 0; i < a->size() && i <= 50; ++i) {
    const std::string at = f.path("schedule") + "[" + std::to_string(i) + "]";
    if (!(*a)[i].is_object()) {
      f.errors().add(at, "must be an object {weekday, opens, closes}");
      continue;
    }
    FieldReader e((*a)[i].as_object(), at, f.errors());
    e.only(opening_fields);
    core::OpeningDraft d;
    d.weekday = e.integer("weekday", true);
    d.opens = e.string("opens", true, 10);
    d.closes = e.string("closes", true, 10);
    entries.push_back(std::move(d));
  }
  if (a->size() > 50) f.error("schedule", "has more than 50 entries");
  out = std::move(entries);
}

// A client that sent the older name `capacity` hears about it by that name.
core::Error named_as_sent(core::Error e, const bj::object& body) {
  if (!body.contains("capacity")) return e;
  core::FieldErrors renamed;
  for (const auto& i : e.fields.items())
    renamed.add(i.field == "capacity_available" ? "capacity" : i.field, i.message);
  e.fields = std::move(renamed);
  return e;
}

void read_service(FieldReader& f, core::ServiceDraft& d) {
  f.only(service_fields);
  merge_string(f, "organization_id", d.organization_id, 100);
  merge_string(f, "category", d.category, 100);
  merge_string(f, "name", d.name, 1000);
  merge_string(f, "description", d.description, 20000);
  merge_string(f, "eligibility", d.eligibility, 10000);
  merge_integer(f, "min_age", d.min_age);
  merge_integer(f, "max_age", d.max_age);
  merge_strings(f, "languages", d.languages, 50);
  merge_strings(f, "territory_ids", d.territory_ids, 100);
  merge_string(f, "hours", d.hours, 2000);
  merge_strings(f, "required_documents", d.required_documents, 50);
  merge_string(f, "fees", d.fees, 2000);
  merge_string(f, "how_to_apply", d.how_to_apply, 10000);
  merge_string(f, "status", d.status, 100);
  // `capacity` is the older name of capacity_available: either may be sent, not both.
  if (f.has("capacity") && f.has("capacity_available"))
    f.error("capacity", "is the older name of capacity_available: send only capacity_available");
  merge_integer(f, "capacity", d.capacity_available);
  merge_integer(f, "capacity_available", d.capacity_available);
  merge_string(f, "address", d.address, 2000);
  merge_string(f, "phone", d.phone, 200);
  read_location(f, d.location);
  read_schedule(f, d.schedule);
  merge_boolean(f, "accepting", d.accepting);
  merge_integer(f, "expected_wait_days", d.expected_wait_days);
  merge_string(f, "last_verified_at", d.last_verified_at, 100);
}

core::Result<core::ServiceFilter> read_filter(const Request& req) {
  core::FieldErrors errors;
  core::ServiceFilter f;
  auto text = [&](const char* name) -> std::optional<std::string> {
    auto v = req.query_param(name);
    if (!v || v->empty()) return std::nullopt;
    if (v->size() > 200) {
      errors.add(name, "is too long");
      return std::nullopt;
    }
    return std::string(*v);
  };
  f.category = text("category");
  f.territory_id = text("territory");
  f.organization_id = text("organization");
  f.language = text("language");
  if (f.language && !core::LanguageCode::parse(*f.language))
    errors.add("language", "must be an ISO 639-1 code");
  if (auto a = text("accepting")) {
    if (*a == "true") f.accepting = true;
    else if (*a == "false") f.accepting = false;
    else errors.add("accepting", "must be true or false");
  }
  auto flag = [&](const char* name) -> std::optional<bool> {
    auto v = text(name);
    if (!v) return std::nullopt;
    if (*v == "true") return true;
    if (*v == "false") return false;
    errors.add(name, "must be true or false");
    return std::nullopt;
  };
  f.available = flag("available");
  f.open_now = flag("open_now");
  f.stale = flag("stale");
  if (auto q = text("q")) {
    auto folded = core::fold_for_search(*q);
    if (!folded.empty()) f.query_folded = folded;
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return f;
}

// The body over an empty draft, and which keys it held (a PATCH merges those only).
core::Result<core::ServicePatch> read_service_body(const bj::object& body) {
  core::FieldErrors errors;
  FieldReader f(body, "", errors);
  core::ServicePatch patch;
  read_service(f, patch.values);
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  for (const auto& kv : body) patch.sent.emplace(kv.key());
  return patch;
}

Response service_reply(int status, const core::ServiceRecord& r, core::Timestamp now) {
  return with_etag(json(status, service_json(r, now)), r.version);
}

asio::awaitable<Response> list_services(Request& req) {
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto filter = read_filter(req);
  if (!filter) co_return problem(req, filter.error());
  filter->after = page->after;
  filter->limit = page->limit;
  auto read = directory_read([f = *filter, now = req.now](core::DirectoryReader& reader) {
    return core::find_services(reader, f, now);
  });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  auto now = req.now;
  co_return json(200, page_json(std::move(*rows), page->limit,
                                [now](const core::ServiceRecord& r) { return service_json(r, now); },
                                [](const core::ServiceRecord& r) { return r.id; }));
}

asio::awaitable<Response> get_service(Request& req) {
  auto read = directory_read([id = req.param("id")](core::DirectoryReader& reader) {
    return core::read_service(reader, id);
  });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return service_reply(200, *found, req.now);
}

asio::awaitable<Response> create_service(Request& req) {
  if (!core::may_manage_services(req.caller())) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto draft = read_service_body(*body.body);
  if (!draft) co_return problem(req, draft.error());

  auto write = directory_write(req, [actor = req.caller(), d = std::move(draft->values),
                                     id = new_id(req.now)](const core::DirectoryPorts& ports,
                                                           core::Timestamp now) {
    return core::create_service(ports, actor, d, id, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, named_as_sent(saved.error(), *body.body));
  co_return service_reply(201, *saved, req.now);
}

asio::awaitable<Response> patch_service(Request& req) {
  if (!core::may_manage_services(req.caller())) co_return problem(req, core::Error::forbidden());
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto patch = read_service_body(*body.body);
  if (!patch) co_return problem(req, patch.error());

  auto write = directory_write(
      req, [actor = req.caller(), id = req.param("id"), v = *version.version,
            p = std::move(*patch)](const core::DirectoryPorts& ports, core::Timestamp now) {
        return core::update_service(ports, actor, id, v, p, now);
      });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, named_as_sent(saved.error(), *body.body));
  co_return service_reply(200, *saved, req.now);
}

// POST /services/{id}/verify: someone checked the listing is right today. No body and no
// If-Match: it changes nothing a concurrent edit could lose.
asio::awaitable<Response> verify_service(Request& req) {
  auto write = directory_write(req, [actor = req.caller(), id = req.param("id")](
                                        const core::DirectoryPorts& ports, core::Timestamp now) {
    return core::verify_service(ports, actor, id, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return service_reply(200, *saved, req.now);
}

}  // namespace

void add_service_routes(Router& r) {
  r.add({"GET", "/api/v1/services", Access::signed_in, list_services,
         "Service listings; filters category, territory (ancestor coverage), language, "
         "accepting, available, open_now, stale, q, organization",
         "directory"})
      .paged()
      .param("category", "Category code")
      .param("territory", "Territory id (covered by the territory or an ancestor)")
      .param("language", "Language code")
      .param("accepting", "true or false", "boolean")
      .param("available", "true: only services with places free now", "boolean")
      .param("open_now", "true: only services open now by their schedule", "boolean")
      .param("stale", "true: only listings not verified for six months (stale)", "boolean")
      .param("q", "Words of the name or description")
      .param("organization", "Organisation id")
      .gives(200, "ServicePage");
  r.add({"POST", "/api/v1/services", Access::signed_in, create_service,
         "Add a service listing (org_admin of the owning organisation)", "directory"})
      .takes("ServiceDraft", service_fields).gives(201, "Service");
  r.add({"GET", "/api/v1/services/{id}", Access::signed_in, get_service, "One service listing",
         "directory"})
      .gives(200, "Service");
  r.add({"PATCH", "/api/v1/services/{id}", Access::signed_in, patch_service,
         "Change a service listing (org_admin of the owning organisation; If-Match)", "directory"})
      .takes("ServicePatch", service_fields).gives(200, "Service");
  r.add({"POST", "/api/v1/services/{id}/verify", Access::signed_in, verify_service,
         "Mark a listing verified now (org_admin of the owning organisation, or coordinator)",
         "directory"})
      .gives(200, "Service");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value service_schema() {
  namespace s = schema;
  auto opt_text = [] { return s::nullable(s::text()); };
  auto opt_int = [] { return s::nullable(s::integer()); };
  return s::object({{"id", s::text()},
                    {"organization_id", s::text()},
                    {"category", s::text()},
                    {"name", s::text()},
                    {"description", opt_text()},
                    {"eligibility", opt_text()},
                    {"min_age", opt_int()},
                    {"max_age", opt_int()},
                    {"languages", s::array(s::text())},
                    {"territory_ids", s::array(s::text())},
                    {"hours", opt_text()},
                    {"required_documents", s::array(s::text())},
                    {"fees", opt_text()},
                    {"how_to_apply", opt_text()},
                    {"status", s::text()},
                    {"address", opt_text()},
                    {"phone", opt_text()},
                    {"location", s::nullable(s::object({{"lat", s::number()}, {"lon", s::number()}}))},
                    {"schedule", s::array(s::object({{"weekday", s::integer()},
                                                     {"opens", s::text()},
                                                     {"closes", s::text()}}))},
                    {"capacity_available", opt_int()},
                    {"capacity", opt_int()},
                    {"capacity_updated_at", s::nullable(s::date_time())},
                    {"accepting", s::boolean()},
                    {"expected_wait_days", opt_int()},
                    {"last_verified_at", s::nullable(s::date_time())},
                    {"stale", s::boolean()},
                    {"version", s::integer()},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()}});
}

}  // namespace enlace::gateway
