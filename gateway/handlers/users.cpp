// GET/POST /api/v1/users and GET/PATCH /api/v1/users/{id}: staff accounts. system_admin
// manages every account, org_admin those of their own organisation (scoped in SQL: another
// organisation's account is a 404); everyone else gets 403.
#include "core/directory_access.hpp"
#include "core/field_checks.hpp"
#include "core/password_policy.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/account_fields.hpp"
#include "gateway/handlers/body_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/directory_handlers.hpp"
#include "gateway/random.hpp"
#include "gateway/session_endings.hpp"
#include "storage/audit_log.hpp"
#include "storage/user_repository.hpp"

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

Response user_reply(int status, const storage::UserRecord& u) {
  return with_etag(json(status, user_json(u), true), u.version);
}

asio::awaitable<Response> list_users(Request& req) {
  if (!core::may_manage_users(req.caller())) co_return problem(req, core::Error::forbidden());
  auto page = read_page(req);
  if (!page) co_return problem(req, page.error());
  auto read = [p = *page, actor = req.caller()](storage::ReadTxn& tx)
      -> core::Result<std::vector<storage::UserRecord>> {
    return storage::UserRepository::list(tx, actor, p.after, p.limit + 1);
  };
  auto rows = co_await db_read(req.app->db, std::move(read));
  if (!rows) co_return problem(req, rows.error());
  co_return json(200,
                 page_json(std::move(*rows), page->limit, user_json,
                           [](const storage::UserRecord& u) { return u.id; }),
                 true);
}

asio::awaitable<Response> get_user(Request& req) {
  if (!core::may_manage_users(req.caller())) co_return problem(req, core::Error::forbidden());
  auto read = [actor = req.caller(), id = req.param("id")](storage::ReadTxn& tx) {
    return storage::UserRepository::find(tx, actor, id);
  };
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

  if (!core::is_valid_username(*username))
    errors.add("username", "must be 3 to 100 letters, digits or . _ - @");
  auto name = core::check_text(errors, "display_name", display_name, {.required = true, .max_chars = 200});
  if (auto ok = core::check_password(*password, "password"); !ok) errors.append(ok.error().fields);
  auto roles = core::parse_roles(*role_names);
  if (!roles) errors.append(roles.error().fields);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  // An org_admin's new account joins their own organisation unless they say otherwise.
  std::string org = organization.value_or(actor.has(core::Role::system_admin) ? std::string()
                                                                              : actor.organization_id);
  if (auto ok = core::check_user_grant(actor, *roles, org); !ok) co_return problem(req, ok.error());

  storage::NewUser u;
  u.id = new_id(req.now);
  u.username = *username;
  u.display_name = *name;
  u.organization_id = org;
  u.roles = *roles;
  if (contact.email) u.email = *contact.email;
  u.language = contact.language.value_or(default_user_language());
  auto hashed = co_await req.app->hasher.hash(*password);
  if (!hashed) co_return problem(req, hashed.error());
  u.password_hash = std::move(*hashed);
  auto ctx = audit_context(req);
  auto write = [ctx, u](storage::WriteTxn& tx) -> core::Result<storage::UserRecord> {
    auto saved = storage::UserRepository::insert(tx, u, ctx.at);
    if (saved) storage::append_audit(tx, ctx.event("user.create", "user", u.id));
    return saved;
  };
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
  storage::UserPatch patch;
  auto display_name = f.string("display_name", false, 1000);
  auto role_names = f.strings("roles", false, 10);
  patch.active = f.boolean("active");
  auto contact = read_contact_fields(f);
  patch.email = contact.email;
  patch.language = contact.language;
  for (auto key : {"display_name", "roles", "active"})
    if (f.is_null(key)) f.error(key, "must not be null");
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  if (display_name)
    patch.display_name = core::check_text(errors, "display_name", display_name,
                                          {.required = true, .max_chars = 200});
  if (role_names) {
    auto roles = core::parse_roles(*role_names);
    if (roles)
      patch.roles = *roles;
    else
      errors.append(roles.error().fields);
  }
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  const std::string id = req.param("id");

  auto ctx = audit_context(req);
  auto write = [ctx, actor, patch, id, v = *version.version, &hub = req.app->events](
                   storage::WriteTxn& tx) -> core::Result<storage::UserRecord> {
    auto current = storage::UserRepository::find_for_update(tx, actor, id);
    if (!current) return current.error();
    // Every change, a display name included, is an action on the account (deactivating
    // oneself too); with the roles it would then hold.
    const auto& roles = patch.roles ? *patch.roles : current->roles;
    auto holder = current->holder();
    if (auto ok = core::check_user_grant(actor, roles, current->organization_id, &holder); !ok)
      return ok.error();
    auto saved = storage::UserRepository::update(tx, actor, id, v, patch, ctx.at);
    if (!saved) return saved.error();
    // A deactivated account must stop working at once, not when its sessions expire.
    if (!saved->active) sign_out_user(tx, hub, id, "", ctx.at);
    storage::append_audit(tx, ctx.event("user.update", "user", id));
    return saved;
  };
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
