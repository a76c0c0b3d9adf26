// Sign-in, sign-out and the signed-in user (API.md, Authentication).
#include "core/field_checks.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/account_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/session_endings.hpp"
#include "gateway/shared_failures.hpp"
#include "gateway/totp.hpp"
#include "storage/audit_log.hpp"
#include "storage/territory_repository.hpp"
#include "storage/two_factor_repository.hpp"
#include "storage/user_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kSignInFields[] = {{"username", BodyField::text, true, 200},
                                       {"password", BodyField::text, true, 1024},
                                       {"totp", BodyField::text, false, 64}};
constexpr BodyFields sign_in_fields{kSignInFields};
constexpr BodyField kOwnAccountFields[] = {{"display_name", BodyField::text, false, 200},
                                           kEmailField,
                                           kLanguageField};
constexpr BodyFields own_account_fields{kOwnAccountFields};

}  // namespace

namespace {

Response login_refused(const Request& req) {
  // One answer for unknown user, wrong password and disabled account.
  auto r = problem(req, 401, "invalid-credentials", "", "The username or password is wrong.");
  return r;
}

Response too_many(const Request& req, int wait) {
  auto r = problem(req, 429, "too-many-attempts", "",
                   "Too many failed sign-ins; wait before trying again.");
  r.set("Retry-After", std::to_string(wait));
  return r;
}

asio::awaitable<void> record_failure(Request& req, std::string user_id,
                                     const SharedFailures& shared) {
  App& app = *req.app;
  app.metrics.login_failures.fetch_add(1);
  auto ctx = audit_context(req);
  ctx.actor_user = std::move(user_id);
  auto write = [ctx, shared](storage::WriteTxn& tx) -> core::Result<bool> {
    storage::append_audit(tx, ctx.event("auth.login", "session", "", "failed"));
    shared.record(tx, ctx.at);
    return true;
  };
  auto done = co_await db_write(app.db, std::move(write));
  (void)done;  // the 401 goes out either way; a failed audit write is logged by the writer
}

// The right one-time password, too late: said plainly (only its holder gets this far), so the
// user knows to ask for a new one instead of retrying into the rate limit.
asio::awaitable<Response> temporary_password_expired(Request& req, std::string user_id) {
  auto ctx = audit_context(req);
  ctx.actor_user = std::move(user_id);
  auto write = [ctx](storage::WriteTxn& tx) -> core::Result<bool> {
    storage::append_audit(tx, ctx.event("auth.login", "session", "", "expired"));
    return true;
  };
  auto done = co_await db_write(req.app->db, std::move(write));
  (void)done;  // the 401 goes out either way
  co_return problem(req, 401, "temporary-password-expired", "",
                    "This one-time password has expired: ask an administrator to reset your password again.");
}

// A wrong, reused or spent second factor: a failure like a wrong password.
asio::awaitable<Response> second_factor_refused(Request& req, FailureSlot& slot, std::string user_id,
                                                const SharedFailures& shared) {
  slot.fail();
  co_await record_failure(req, std::move(user_id), shared);
  co_return problem(req, 401, "invalid-totp", "", "The code is wrong or was already used.");
}

asio::awaitable<Response> login(Request& req) {
  App& app = *req.app;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(sign_in_fields);
  auto username = f.string("username", true, 200);
  auto password = f.string("password", true, 1024);
  auto totp = f.string("totp", false, 64);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  // The failure is reserved before the password is checked, so that parallel guesses count
  // against each other; unless slot.fail() is called, leaving this function releases it.
  // Where processes share the database, also the failures any of them counted.
  auto keys = sign_in_keys(app, *username, req.remote_address);
  const SharedFailures shared(app, app.sign_in_failures, keys);
  FailureSlot slot;
  auto wait = co_await shared.reserve(app, req.now, slot);
  if (!wait) co_return problem(req, wait.error());
  if (*wait > 0) co_return too_many(req, *wait);

  auto find = [name = *username](storage::ReadTxn& tx) -> core::Result<std::optional<storage::LoginRecord>> {
    return storage::UserRepository::find_for_login(tx, name);
  };
  auto found = co_await db_read(app.db, std::move(find));
  if (!found) co_return problem(req, found.error());

  bool rehash = false;
  core::Result<bool> checked = false;
  if (*found) {
    checked = co_await app.hasher.verify((*found)->password_hash, *password, &rehash);
  } else {
    checked = co_await app.hasher.verify_dummy(*password);
  }
  if (!checked) co_return problem(req, checked.error());  // busy: 503, not a failure
  bool ok = *checked && *found && (*found)->user.active;
  if (!ok) {
    slot.fail();
    // Named first: GCC 12 destroys a conditional's temporary twice inside co_await.
    std::string failed_user = *found ? (*found)->user.id : std::string();
    co_await record_failure(req, std::move(failed_user), shared);
    co_return login_refused(req);
  }
  const storage::LoginRecord& rec = **found;
  if (rec.password_expires_at && req.now >= *rec.password_expires_at)
    co_return co_await temporary_password_expired(req, rec.user.id);
  // The second factor, when on: a TOTP code or a recovery code. Which one matched is only
  // provisional here; the write below spends it, atomically with creating the session.
  std::optional<std::int64_t> totp_step;
  std::optional<std::string> recovery_hash;
  if (rec.user.totp_enabled) {
    if (!totp || totp->empty()) {
      co_return problem(req, 401, "totp-required", "",
                        "Enter the code from your authenticator app.");
    }
    if (totp::looks_like_code(*totp)) {
      auto key = rec.totp_secret ? totp::base32_decode(*rec.totp_secret) : std::nullopt;
      if (key)
        totp_step = totp::match_step(*key, *totp, totp::step_at(req.now), rec.totp_last_step);
    } else if (auto code = totp::normalise_recovery_code(*totp)) {
      recovery_hash = totp::recovery_code_hash(rec.user.id, *code);
    }
    if (!totp_step && !recovery_hash) {
      co_return co_await second_factor_refused(req, slot, rec.user.id, shared);
    }
  }

  std::string token = new_token();
  storage::NewSession s;
  s.id = new_id(req.now);
  s.token_hash = sha256(token);
  s.user_id = rec.user.id;
  s.address = req.remote_address;
  s.user_agent = std::string(req.header("user-agent").value_or(""));
  s.created_at = req.now;
  s.expires_at = req.now + std::chrono::hours(app.config.session_absolute_hours);
  std::optional<std::string> new_hash;
  if (rehash) {
    // Upgrading the stored hash can wait for a quieter sign-in when the queue is full.
    auto upgraded = co_await app.hasher.hash(*password);
    if (upgraded) new_hash = std::move(*upgraded);
  }

  auto ctx = audit_context(req);
  ctx.actor_user = rec.user.id;
  ctx.organization = rec.user.organization_id;
  ctx.role = storage::roles_to_text(rec.user.roles);
  auto write = [s, ctx, new_hash, totp_step, recovery_hash, shared,
                user_id = rec.user.id](storage::WriteTxn& tx) -> core::Result<bool> {
    if (totp_step && !storage::TwoFactorRepository::use_step(tx, user_id, *totp_step))
      return core::Error::conflict("invalid-totp", "code already used");
    if (recovery_hash &&
        !storage::TwoFactorRepository::use_recovery_code(tx, user_id, *recovery_hash, ctx.at))
      return core::Error::conflict("invalid-totp", "recovery code unknown or spent");
    if (recovery_hash) storage::append_audit(tx, ctx.event("auth.recovery_code_used", "user", user_id));
    storage::SessionRepository::insert(tx, s);
    if (new_hash) storage::UserRepository::rehash_password(tx, user_id, *new_hash);
    storage::append_audit(tx, ctx.event("auth.login", "session", s.id));
    shared.clear(tx);
    return true;
  };
  auto saved = co_await db_write(app.db, std::move(write));
  if (!saved && saved.error().type == "invalid-totp")
    co_return co_await second_factor_refused(req, slot, rec.user.id, shared);
  if (!saved) co_return problem(req, saved.error());
  // A right answer releases its reservation and forgives this pair's earlier typos; the
  // failures other addresses caused stay counted against the username.
  app.sign_in_failures.clear(keys.front().name);

  bj::object answer{{"token", token},
                    {"expires_at", core::format_timestamp(s.expires_at)},
                    {"user", user_json(rec.user)}};
  if (app.demo) answer["demo"] = true;
  auto res = json(200, answer, true);
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (req.https) cookie += "; Secure";
  res.set("Set-Cookie", cookie);
  co_return res;
}

asio::awaitable<Response> logout(Request& req) {
  App& app = *req.app;
  auto ctx = audit_context(req);
  auto write = [ctx, actor = req.caller(), &hub = app.events](storage::WriteTxn& tx)
      -> core::Result<bool> {
    sign_out_session(tx, hub, actor.user_id, actor.session_id, ctx.at);
    storage::append_audit(tx, ctx.event("auth.logout", "session", actor.session_id));
    return true;
  };
  auto saved = co_await db_write(app.db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  auto res = no_content();
  std::string cookie = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (req.https) cookie += "; Secure";
  res.set("Set-Cookie", cookie);
  co_return res;
}

struct Me {
  storage::UserRecord user;
  std::optional<std::string> time_zone;  // the UI shows times in the territory's zone
};

asio::awaitable<Response> me(Request& req) {
  auto find = [actor = req.caller()](storage::ReadTxn& tx) -> core::Result<Me> {
    core::Actor self = actor;
    self.roles = {core::Role::system_admin};  // one may always read oneself
    auto user = storage::UserRepository::find(tx, self, actor.user_id);
    if (!user) return user.error();
    auto zone = storage::TerritoryRepository::time_zone_of_organization(tx, user->organization_id);
    return Me{std::move(*user), std::move(zone)};
  };
  auto found = co_await db_read(req.app->db, std::move(find));
  if (!found) co_return problem(req, found.error());
  auto body = user_json(found->user);
  body["time_zone"] = optional_string(found->time_zone);
  body["totp_required"] = totp_enforced_for(*req.app, req.caller());
  if (req.app->demo) body["demo"] = true;
  co_return json(200, body, true);
}

// PATCH /me: one's own display name, e-mail and language; no If-Match (nobody else edits
// them through this route). Roles, organisation and active stay with the administrators.
asio::awaitable<Response> patch_me(Request& req) {
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(own_account_fields);
  storage::UserPatch patch;
  auto display_name = f.string("display_name", false, 1000);
  if (f.is_null("display_name")) f.error("display_name", "must not be null");
  auto contact = read_contact_fields(f);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  if (display_name)
    patch.display_name = core::check_text(errors, "display_name", display_name,
                                          {.required = true, .max_chars = 200});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  patch.email = contact.email;
  patch.language = contact.language;
  auto ctx = audit_context(req);
  auto write = [ctx, patch](storage::WriteTxn& tx) -> core::Result<storage::UserRecord> {
    auto saved = storage::UserRepository::update_own(tx, ctx.actor_user, patch, ctx.at);
    if (saved) storage::append_audit(tx, ctx.event("user.update", "user", ctx.actor_user));
    return saved;
  };
  auto saved = co_await db_write(req.app->db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  co_return json(200, user_json(*saved), true);
}

}  // namespace

void add_auth_routes(Router& r) {
  r.add({"POST", "/api/v1/auth/login", Access::open, login, "Sign in; returns a token and sets the session cookie", "auth"})
      .takes("SignIn", sign_in_fields).gives(200, "Session");
  r.add({"POST", "/api/v1/auth/logout", Access::enrolling_ok, logout, "Sign out; the token stops working at once", "auth"})
      .gives(204);
  r.add({"GET", "/api/v1/me", Access::enrolling_ok, me,
         "The signed-in user; time_zone: that of the organisation's territory or its nearest "
         "ancestor with one, else null", "auth"})
      .gives(200, "User");
  r.add({"PATCH", "/api/v1/me", Access::signed_in, patch_me,
         "Change your own display_name, email or language (no If-Match)", "auth"})
      .takes("OwnAccountPatch", own_account_fields).gives(200, "User");
}

}  // namespace enlace::gateway
