// GET/POST /api/v1/organizations and GET/PATCH /api/v1/organizations/{id}.
#include "core/directory_access.hpp"
#include "core/organization.hpp"
#include "core/use_cases/organizations.hpp"
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

// POST and PATCH alike (merge_string: null clears an optional value).
constexpr BodyField kOrganizationFields[] = {
    {"name", BodyField::text, false, 1000, true},  {"kind", BodyField::text, false, 100, true},
    {"territory_id", BodyField::text, false, 100, true},
    {"parent_id", BodyField::text, false, 100, true},
    {"email", BodyField::text, false, 1000, true}, {"phone", BodyField::text, false, 200, true},
    {"shares_cases_with_parent", BodyField::boolean}, {"external", BodyField::boolean}};
constexpr BodyFields organization_fields{kOrganizationFields};

}  // namespace

namespace {

bj::object organization_json(const core::OrganizationRecord& r) {
  const auto& o = r.organization;
  return {{"id", r.id},
          {"name", o.name},
          {"kind", core::to_string(o.kind)},
          {"territory_id", o.territory_id},
          {"parent_id", optional_string(o.parent_id)},
          {"email", optional_string(o.email)},
          {"phone", optional_string(o.phone)},
          {"shares_cases_with_parent", o.shares_cases_with_parent},
          {"external", o.external},
          {"version", r.version},
          {"created_at", core::format_timestamp(r.created_at)},
          {"updated_at", core::format_timestamp(r.updated_at)}};
}

// Reads the body over `d`; type and unknown-key errors go to the reader's errors.
void read_organization(FieldReader& f, core::OrganizationDraft& d) {
  f.only(organization_fields);
  merge_string(f, "name", d.name, 1000);
  merge_string(f, "kind", d.kind, 100);
  merge_string(f, "territory_id", d.territory_id, 100);
  merge_string(f, "parent_id", d.parent_id, 100);
  merge_string(f, "email", d.email, 1000);
  merge_string(f, "phone", d.phone, 200);
  if (auto shares = f.boolean("shares_cases_with_parent")) d.shares_cases_with_parent = *shares;
  merge_boolean(f, "external", d.external);
}

// The body over an empty draft, and which keys it held (a PATCH merges those only).
core::Result<core::OrganizationPatch> read_organization_body(const bj::object& body) {
  core::FieldErrors errors;
  FieldReader f(body, "", errors);
  core::OrganizationPatch patch;
  read_organization(f, patch.values);
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  for (const auto& kv : body) patch.sent.emplace(kv.key());
  return patch;
}

Response organization_reply(int status, const core::OrganizationRecord& r) {
  return with_etag(json(status, organization_json(r)), r.version);
}

asio::awaitable<Response> list_organizations(Request& req) {
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto read = directory_read([p = *page](core::DirectoryReader& reader) {
    return core::list_organizations(reader, p.after, p.limit);
  });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200, page_json(std::move(*rows), page->limit, organization_json,
                                [](const core::OrganizationRecord& r) { return r.id; }));
}

asio::awaitable<Response> get_organization(Request& req) {
  auto read = directory_read([id = req.param("id")](core::DirectoryReader& reader) {
    return core::read_organization(reader, id);
  });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return organization_reply(200, *found);
}

asio::awaitable<Response> create_organization(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto draft = read_organization_body(*body.body);
  if (!draft) co_return problem(req, draft.error());

  auto write = directory_write(req, [actor = req.caller(), d = std::move(draft->values),
                                     id = new_id(req.now)](const core::DirectoryPorts& ports,
                                                           core::Timestamp now) {
    return core::create_organization(ports, actor, d, id, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return organization_reply(201, *saved);
}

asio::awaitable<Response> patch_organization(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  // Type and unknown-key errors first, before the record is even read.
  auto patch = read_organization_body(*body.body);
  if (!patch) co_return problem(req, patch.error());

  auto write = directory_write(
      req, [actor = req.caller(), id = req.param("id"), v = *version.version,
            p = std::move(*patch)](const core::DirectoryPorts& ports, core::Timestamp now) {
        return core::update_organization(ports, actor, id, v, p, now);
      });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return organization_reply(200, *saved);
}

}  // namespace

void add_organization_routes(Router& r) {
  r.add({"GET", "/api/v1/organizations", Access::signed_in, list_organizations,
         "Organisations of the network", "directory"})
      .paged().gives(200, "OrganizationPage");
  r.add({"POST", "/api/v1/organizations", Access::signed_in, create_organization,
         "Add an organisation (system_admin)", "directory"})
      .takes("OrganizationDraft", organization_fields).gives(201, "Organization");
  r.add({"GET", "/api/v1/organizations/{id}", Access::signed_in, get_organization,
         "One organisation", "directory"})
      .gives(200, "Organization");
  r.add({"PATCH", "/api/v1/organizations/{id}", Access::signed_in, patch_organization,
         "Change an organisation (system_admin; If-Match)", "directory"})
      .takes("OrganizationPatch", organization_fields).gives(200, "Organization");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value organization_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"name", s::text()},
                    {"kind", s::text()},
                    {"territory_id", s::nullable(s::text())},
                    {"parent_id", s::nullable(s::text())},
                    {"email", s::nullable(s::text())},
                    {"phone", s::nullable(s::text())},
                    {"shares_cases_with_parent", s::boolean()},
                    {"external", s::boolean()},
                    {"version", s::integer()},
                    {"created_at", s::date_time()},
                    {"updated_at", s::date_time()}});
}

}  // namespace enlace::gateway
