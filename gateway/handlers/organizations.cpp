// GET/POST /api/v1/organizations and GET/PATCH /api/v1/organizations/{id}.
#include "core/directory_access.hpp"
#include "core/organization.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/body_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"
#include "gateway/random.hpp"
#include "storage/audit_log.hpp"
#include "storage/organization_repository.hpp"

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

bj::object organization_json(const storage::OrganizationRecord& r) {
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

core::OrganizationDraft draft_of(const core::Organization& o) {
  return {o.name,  std::string(core::to_string(o.kind)), o.territory_id, o.parent_id, o.email,
          o.phone, o.shares_cases_with_parent,             o.external};
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

asio::awaitable<Response> list_organizations(Request& req) {
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto read = [p = *page](storage::ReadTxn& tx) -> core::Result<std::vector<storage::OrganizationRecord>> {
    return storage::OrganizationRepository::list(tx, p.after, p.limit);
  };
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200, page_json(std::move(*rows), page->limit, organization_json,
                                [](const storage::OrganizationRecord& r) { return r.id; }));
}

asio::awaitable<Response> get_organization(Request& req) {
  auto read = [id = req.param("id")](storage::ReadTxn& tx) {
    return storage::OrganizationRepository::find(tx, id);
  };
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return with_etag(json(200, organization_json(*found)), found->version);
}

asio::awaitable<Response> create_organization(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  core::OrganizationDraft d;
  read_organization(f, d);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto org = core::make_organization(d);
  if (!org) co_return problem(req, org.error());

  auto ctx = audit_context(req);
  auto write = [ctx, o = *org, id = new_id(req.now)](storage::WriteTxn& tx)
      -> core::Result<storage::OrganizationRecord> {
    auto saved = storage::OrganizationRepository::insert(tx, id, o, ctx.at);
    if (saved) storage::append_audit(tx, ctx.event("organization.create", "organization", id));
    return saved;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return with_etag(json(201, organization_json(*saved)), saved->version);
}

asio::awaitable<Response> patch_organization(Request& req) {
  if (!core::may_administer_network(req.caller())) co_return problem(req, core::Error::forbidden());
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  {
    // Type and unknown-key errors first, before the record is even read.
    core::FieldErrors errors;
    FieldReader f(*body.body, "", errors);
    core::OrganizationDraft scratch;
    read_organization(f, scratch);
    if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  }
  auto ctx = audit_context(req);
  auto write = [ctx, patch = std::move(*body.body), id = req.param("id"), v = *version.version](
                   storage::WriteTxn& tx) -> core::Result<storage::OrganizationRecord> {
    auto current = storage::OrganizationRepository::find(tx, id);
    if (!current) return current.error();
    if (current->version != v) return core::Error::stale();
    core::FieldErrors errors;
    FieldReader f(patch, "", errors);
    auto d = draft_of(current->organization);
    read_organization(f, d);
    auto next = core::make_organization(d);
    if (!next) return next.error();
    auto saved = storage::OrganizationRepository::update(tx, id, v, *next, ctx.at);
    if (saved) storage::append_audit(tx, ctx.event("organization.update", "organization", id));
    return saved;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return with_etag(json(200, organization_json(*saved)), saved->version);
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
