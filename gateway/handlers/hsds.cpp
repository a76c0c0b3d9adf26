// The directory as an Open Referral HSDS 3.0 feed (API.md, Interoperability): GET /hsds/,
// /hsds/services[/{id}], /hsds/organizations[/{id}], paged as the HSDS API reference says
// (`page` from 1, `per_page` up to 500, `modified_after`). Signed-in users only unless the
// deployment sets hsds_public (Access::published). Reads of the directory hold no personal data
// and are not audited, as /api/v1/services is not.
#include "core/hsds_terms.hpp"
#include "core/use_cases/directory_feed.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/directory_ports.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/hsds_json.hpp"
#include "gateway/json_schema.hpp"

#include <charconv>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr std::int64_t kDefaultPerPage = 50, kMaxPerPage = 500;

struct FeedQuery {
  std::int64_t page = 1, per_page = kDefaultPerPage;
  std::optional<core::Timestamp> modified_after;
};

std::optional<std::int64_t> whole_number(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A bad parameter is the client's malformed request: 400, naming it.
std::optional<Response> read_feed_query(const Request& req, FeedQuery& q) {
  auto bad = [&](const char* name, const char* rule) {
    return problem(req, 400, "bad-parameter", "", std::string(name) + " " + rule + ".");
  };
  if (auto v = req.query_param("page")) {
    auto n = whole_number(*v);
    if (!n || *n < 1 || *n > 1000000) return bad("page", "must be a whole number from 1");
    q.page = *n;
  }
  if (auto v = req.query_param("per_page")) {
    auto n = whole_number(*v);
    if (!n || *n < 1 || *n > kMaxPerPage) return bad("per_page", "must be a whole number from 1 to 500");
    q.per_page = *n;
  }
  if (auto v = req.query_param("modified_after")) {
    auto t = core::parse_timestamp(*v);
    if (!t)
      if (auto day = core::parse_date(*v)) t = core::Timestamp{*day};
    if (!t) return bad("modified_after", "must be an RFC 3339 date-time or a date");
    q.modified_after = t;
  }
  return std::nullopt;
}

// HSDS's Page envelope around `contents`.
bj::object page_of(const FeedQuery& q, std::int64_t total, bj::array contents) {
  const std::int64_t pages = (total + q.per_page - 1) / q.per_page;
  const auto size = static_cast<std::int64_t>(contents.size());
  return {{"total_items", total},
          {"total_pages", pages},
          {"page_number", q.page},
          {"size", size},
          {"first_page", q.page == 1},
          {"last_page", q.page >= pages},
          {"empty", size == 0},
          {"contents", std::move(contents)}};
}

asio::awaitable<Response> hsds_root(Request&) {
  co_return json(200, bj::object{
      {"version", core::kHsdsVersion},
      {"profile", "https://openreferral.org/specification/3.0"},
      {"openapi_url", "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"}});
}

// The query's page as a window of the feed.
core::FeedWindow window_of(const FeedQuery& q) {
  return {q.modified_after, (q.page - 1) * q.per_page, q.per_page};
}

// The feed's objects are rendered inside the read job, on the read pool as they always were
// (a page holds up to 500 nested services): the use case gathers, the job renders.
asio::awaitable<Response> hsds_services(Request& req) {
  FeedQuery q;
  if (auto refused = read_feed_query(req, q)) co_return std::move(*refused);
  auto read = directory_read([q](core::DirectoryReader& reader) -> core::Result<bj::object> {
    auto found = core::hsds_service_page(reader, window_of(q));
    if (!found) return found.error();
    bj::array contents;
    for (const auto& s : found->items) contents.push_back(hsds_list_form(hsds_service(s)));
    return page_of(q, found->total, std::move(contents));
  });
  auto page = co_await db_read(req.app->db, std::move(read));
  if (!page) co_return problem(req, page.error());
  co_return json(200, *page);
}

asio::awaitable<Response> hsds_service_by_id(Request& req) {
  auto read = directory_read(
      [id = req.param("id")](core::DirectoryReader& reader) -> core::Result<bj::object> {
        auto s = core::gather_hsds_service(reader, id);
        if (!s) return s.error();
        return hsds_service(*s);
      });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return json(200, *found);
}

asio::awaitable<Response> hsds_organizations(Request& req) {
  FeedQuery q;
  if (auto refused = read_feed_query(req, q)) co_return std::move(*refused);
  auto read = directory_read([q](core::DirectoryReader& reader) -> core::Result<bj::object> {
    auto found = core::hsds_organization_page(reader, window_of(q));
    if (!found) return found.error();
    bj::array contents;
    for (const auto& o : found->items) contents.push_back(hsds_list_form(hsds_organization(o)));
    return page_of(q, found->total, std::move(contents));
  });
  auto page = co_await db_read(req.app->db, std::move(read));
  if (!page) co_return problem(req, page.error());
  co_return json(200, *page);
}

// The organisation fully nested, with its services (list form).
asio::awaitable<Response> hsds_organization_by_id(Request& req) {
  auto read = directory_read(
      [id = req.param("id")](core::DirectoryReader& reader) -> core::Result<bj::object> {
        auto o = core::gather_hsds_organization_with_services(reader, id);
        if (!o) return o.error();
        auto out = hsds_organization(o->organization);
        bj::array services;
        for (const auto& s : o->services) {
          auto item = hsds_list_form(hsds_service(s));
          item.erase("organization");
          services.push_back(std::move(item));
        }
        out["services"] = std::move(services);
        return out;
      });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return json(200, *found);
}

}  // namespace

void add_hsds_routes(Router& r) {
  r.add({"GET", "/hsds/", Access::published, hsds_root,
         "Open Referral HSDS 3.0: the version this feed speaks", "hsds"})
      .gives(200, "HsdsRoot");
  r.add({"GET", "/hsds/services", Access::published, hsds_services,
         "HSDS services (list form); page, per_page (max 500), modified_after", "hsds"})
      .param("page", "Page number, from 1", "integer")
      .param("per_page", "Items per page (default 50, at most 500)", "integer")
      .param("modified_after", "RFC 3339 date-time or date")
      .gives(200, "HsdsServicePage");
  r.add({"GET", "/hsds/services/{id}", Access::published, hsds_service_by_id,
         "One HSDS service, fully nested", "hsds"})
      .gives(200, "HsdsService");
  r.add({"GET", "/hsds/organizations", Access::published, hsds_organizations,
         "HSDS organizations (list form); page, per_page (max 500), modified_after", "hsds"})
      .param("page", "Page number, from 1", "integer")
      .param("per_page", "Items per page (default 50, at most 500)", "integer")
      .param("modified_after", "RFC 3339 date-time or date")
      .gives(200, "HsdsOrganizationPage");
  r.add({"GET", "/hsds/organizations/{id}", Access::published, hsds_organization_by_id,
         "One HSDS organization with its services", "hsds"})
      .gives(200, "HsdsOrganization");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

// The HSDS objects are described by the official HSDS 3.0 compiled schemas, by the address the
// HSDS API reference uses; copies with their licence are in tests/contract/schemas/hsds-3.0/
// (the integration suites' reply check resolves these addresses from there).
boost::json::object hsds_schemas() {
  namespace s = schema;
  constexpr std::string_view base =
      "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/";
  auto official = [&](std::string_view name) {
    return bj::value{{"$ref", std::string(base) + std::string(name) + ".json"}};
  };
  // HSDS's Page envelope (its API reference's components.schemas.Page) around `contents`.
  auto page = [&](std::string_view item) {
    return s::object({{"total_items", s::integer()},
                      {"total_pages", s::integer()},
                      {"page_number", s::integer()},
                      {"size", s::integer()},
                      {"first_page", s::boolean()},
                      {"last_page", s::boolean()},
                      {"empty", s::boolean()},
                      {"contents", s::array(official(item))}});
  };
  bj::object o;
  o["HsdsRoot"] = s::object({{"version", s::text()}, {"profile", s::text()}, {"openapi_url", s::text()}});
  o["HsdsService"] = official("service");
  o["HsdsOrganization"] = official("organization");
  o["HsdsServicePage"] = page("service_list");
  o["HsdsOrganizationPage"] = page("organization_list");
  return o;
}

}  // namespace enlace::gateway
