// GET/POST /api/v1/categories: service categories are data; system_admin adds them.
#include "core/directory_access.hpp"
#include "core/use_cases/categories.hpp"
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

constexpr BodyField kCategoryFields[] = {{"code", BodyField::text, true, 100},
                                         {"name", BodyField::text, true, 1000}};
constexpr BodyFields category_fields{kCategoryFields};

}  // namespace

namespace {

bj::object category_json(const core::CategoryRecord& c) {
  return {{"code", c.code}, {"name", c.name}};
}

asio::awaitable<Response> list_categories(Request& req) {
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto read = directory_read([after = page->after](core::DirectoryReader& reader) {
    return core::list_categories(reader, after);
  });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200, page_json(std::move(*rows), page->limit, category_json,
                                [](const core::CategoryRecord& c) { return c.code; }));
}

asio::awaitable<Response> create_category(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(category_fields);
  auto code = f.string("code", true, 100);
  auto name = f.string("name", true, 1000);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto write = directory_write(req, [actor = req.caller(), d = core::CategoryDraft{*code, *name}](
                                        const core::DirectoryPorts& ports, core::Timestamp now) {
    return core::create_category(ports, actor, d, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return json(201, category_json(*saved));
}

}  // namespace

void add_category_routes(Router& r) {
  r.add({"GET", "/api/v1/categories", Access::signed_in, list_categories,
         "Service categories", "directory"})
      .paged().gives(200, "CategoryPage");
  r.add({"POST", "/api/v1/categories", Access::signed_in, create_category,
         "Add a service category (system_admin)", "directory"})
      .takes("CategoryDraft", category_fields).gives(201, "Category");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value category_schema() {
  namespace s = schema;
  return s::object({{"code", s::text()}, {"name", s::text()}});
}

}  // namespace enlace::gateway
