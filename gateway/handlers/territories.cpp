// GET/POST /api/v1/territories: the directory's tree (API.md, Directory and administration).
#include "core/directory_access.hpp"
#include "core/territory.hpp"
#include "core/use_cases/territories.hpp"
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

constexpr BodyField kTerritoryFields[] = {
    {"name", BodyField::text, false, 1000, true},      {"level", BodyField::text, false, 100, true},
    {"parent_id", BodyField::text, false, 100, true},  {"code", BodyField::text, false, 100, true},
    {"time_zone", BodyField::text, false, 100, true}};
constexpr BodyFields territory_fields{kTerritoryFields};

}  // namespace

namespace {

bj::object territory_json(const core::TerritoryRecord& r) {
  return {{"id", r.id},
          {"name", r.territory.name},
          {"level", core::to_string(r.territory.level)},
          {"parent_id", optional_string(r.territory.parent_id)},
          {"code", optional_string(r.territory.code)},
          {"time_zone", optional_string(r.territory.time_zone)},
          {"version", r.version},
          {"created_at", core::format_timestamp(r.created_at)},
          {"updated_at", core::format_timestamp(r.updated_at)}};
}

asio::awaitable<Response> list_territories(Request& req) {
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  core::TerritoryFilter filter;
  filter.after = page->after;
  filter.limit = page->limit;
  if (auto parent = req.query_param("parent")) filter.parent_id = std::string(*parent);
  auto read = directory_read([filter](core::DirectoryReader& reader) {
    return core::list_territories(reader, filter);
  });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200, page_json(std::move(*rows), page->limit, territory_json,
                                [](const core::TerritoryRecord& r) { return r.id; }));
}

asio::awaitable<Response> create_territory(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(territory_fields);
  core::TerritoryDraft d;
  merge_string(f, "name", d.name, 1000);
  merge_string(f, "level", d.level, 100);
  merge_string(f, "parent_id", d.parent_id, 100);
  merge_string(f, "code", d.code, 100);
  merge_string(f, "time_zone", d.time_zone, 100);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto write = directory_write(req, [actor = req.caller(), d = std::move(d),
                                     id = new_id(req.now)](const core::DirectoryPorts& ports,
                                                           core::Timestamp now) {
    return core::create_territory(ports, actor, d, id, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return with_etag(json(201, territory_json(*saved)), saved->version);
}

}  // namespace

void add_territory_routes(Router& r) {
  r.add({"GET", "/api/v1/territories", Access::signed_in, list_territories,
         "Territories as a tree (each has parent_id); ?parent= lists one node's children", "directory"})
      .paged().param("parent", "Only the children of this territory").gives(200, "TerritoryPage");
  r.add({"POST", "/api/v1/territories", Access::signed_in, create_territory,
         "Add a territory (system_admin); optional time_zone, an IANA name (America/Guayaquil) "
         "that its descendants without one inherit", "directory"})
      .takes("TerritoryDraft", territory_fields).gives(201, "Territory");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value territory_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"name", s::text()},
                    {"level", s::text()},
                    {"parent_id", s::nullable(s::text())},
                    {"code", s::nullable(s::text())},
                    {"time_zone", s::nullable(s::text())},
                    {"version", s::integer()},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()}});
}

}  // namespace enlace::gateway
