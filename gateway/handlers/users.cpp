// GET/POST /api/v1/users and GET/PATCH /api/v1/users/{id}: staff accounts. system_admin
// manages every account, org_admin those of their own organisation (scoped in SQL: another
// organisation's account is a 404); everyone else gets 403.
#include "core/directory_access.hpp"
#include "core/use_cases/accounts.hpp"
#include "gateway/account_ports.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/account_fields.hpp"
#include "gateway/handlers/body_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"
#include "gateway/random.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kUserFields[] = {{"username", BodyField::text, true, 1000},
                                     {"password", BodyField::text, true, 4096},
                                     {"display_name", BodyField::text, true, 1000},
                                     {"roles", BodyField::texts, true, 10},
                                     {"organization_id", BodyField::text, false, 100},
                                     kEmailField,
                                     kLanguageField};
constexpr BodyFields user_fields{kUserFields};
constexpr BodyField kUserPatchFields[] = {{"display_name", BodyField::text, false, 1000},
                                          {"roles", BodyField::texts, false, 10},
                                          {"active", BodyField::boolean},
                                          kEmailField,
                                          kLanguageField};
constexpr BodyFields user_patch_fields{kUserPatchFields};

}  // namespace

namespace {

Response user_reply(int status, const core::UserRecord& u) {
  return with_etag(json(status, user_json(u), true), u.version);
}

asio::awaitable<Response> list_users(Request& req) {
  if (!core::may_manage_users(req.caller())) co_return problem(req, core::Error::forbidden());
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto read = account_read([p = *page, actor = req.caller()](core::AccountReader& reader) {
    return core::list_users(reader, actor, p.after, p.limit + 1);
  });
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200,
                 page_json(std::move(*rows), page->limit, user_json,
                           [](const core::UserRecord& u) { return u.id; }),
                 true);
}

asio::awaitable<Response> get_user(Request& req) {
  if (!core::may_manage_users(req.caller())) co_return problem(req, core::Error::forbidden());
  auto read = account_read([actor = req.caller(), id = req.param("id")](core::AccountReader& reader) {
    return core::read_user(reader, actor, id);
  });
  auto found = co_await db_read(req.app->db, std::move(read));
  if (!found) co_return problem(req, found.error());
  co_return user_reply(200, *found);
}

asio::awaitable<Response> create_user(Request& req) {
  const core::Actor& actor = req.caller();
  if (!core::may_manage_users(actor)) co_return problem(req, core::Error::forbidden());
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(user_fields);
  auto username = f.string("username", true, 1000);
  auto password = f.string("password", true, 4096);
  auto display_name = f.string("display_name", true, 1000);
  auto role_names = f.strings("roles", true, 10);
  auto organization = f.string("organization_id", false, 100);
  auto contact = read_contact_fields(f);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  core::UserDraft draft;
  draft.username = *username;
  draft.password = *password;
  draft.display_name = *display_name;
  draft.roles = *role_names;
  draft.organization_id = organization;
  if (contact.email) draft.email = *contact.email;
  draft.language = contact.language.value_or(default_user_language());
  // Checked before the hash is paid for; the hash is made off the writer.
  auto user = core::prepare_user(actor, draft, new_id(req.now));
  if (!user) co_return problem(req, user.error());
  auto hashed = co_await req.app->hasher.hash(*password);
  if (!hashed) co_return problem(req, hashed.error());
  user->password_hash = std::move(*hashed);
  auto write = account_job(req, [actor, u = std::move(*user)](const core::AccountPorts& ports,
                                                                 core::Timestamp now) {
    return core::create_user(ports, actor, u, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return user_reply(201, *saved);
}

asio::awaitable<Response> patch_user(Request& req) {
  const core::Actor& actor = req.caller();
  if (!core::may_manage_users(actor)) co_return problem(req, core::Error::forbidden());
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(user_patch_fields);
  core::UserPatchDraft draft;
  draft.display_name = f.string("display_name", false, 1000);
  draft.roles = f.strings("roles", false, 10);
  draft.active = f.boolean("active");
  auto contact = read_contact_fields(f);
  draft.email = contact.email;
  draft.language = contact.language;
  for (auto key : {"display_name", "roles", "active"})
    if (f.is_null(key)) f.error(key, "must not be null");
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto patch = core::make_user_patch(draft);
  if (!patch) co_return problem(req, patch.error());

  auto write = account_job(req, [actor, patch = std::move(*patch), id = req.param("id"),
                                 v = *version.version](const core::AccountPorts& ports,
                                                       core::Timestamp now) {
    return core::update_user(ports, actor, id, v, patch, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return user_reply(200, *saved);
}

}  // namespace

void add_user_routes(Router& r) {
  r.add({"GET", "/api/v1/users", Access::signed_in, list_users,
         "Staff accounts (system_admin: all; org_admin: own organisation)", "directory"})
      .paged().gives(200, "UserPage");
  r.add({"POST", "/api/v1/users", Access::signed_in, create_user,
         "Create a staff account (system_admin; org_admin in own organisation)", "directory"})
      .takes("UserDraft", user_fields).gives(201, "User");
  r.add({"GET", "/api/v1/users/{id}", Access::signed_in, get_user, "One staff account", "directory"})
      .gives(200, "User");
  r.add({"PATCH", "/api/v1/users/{id}", Access::signed_in, patch_user,
         "Change display_name, roles, active, email or language (If-Match); deactivating ends "
         "the sessions",
         "directory"})
      .takes("UserPatch", user_patch_fields).gives(200, "User");
}

}  // namespace enlace::gateway
