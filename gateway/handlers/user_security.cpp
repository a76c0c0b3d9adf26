// Account security (API.md, Authentication; issue 10): one's own sessions and password, and
// the administrator's password reset, two-factor reset and "end all sessions" for a user.
#include "core/directory_access.hpp"
#include "core/password_policy.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/session_endings.hpp"
#include "gateway/shared_failures.hpp"
#include "storage/audit_log.hpp"
#include "storage/two_factor_repository.hpp"
#include "storage/user_repository.hpp"

#include <functional>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kPasswordFields[] = {{"current_password", BodyField::text, true, 1024},
                                         {"new_password", BodyField::text, true, 1024}};
constexpr BodyFields password_fields{kPasswordFields};

}  // namespace

namespace {

bj::object session_json(const storage::SessionRecord& s, const std::string& current_id) {
  return {{"id", s.id},
          {"created_at", core::format_timestamp(s.created_at)},
          {"last_used_at", core::format_timestamp(s.last_used_at)},
          {"address", s.address},
          {"user_agent", s.user_agent},
          {"current", s.id == current_id}};
}

asio::awaitable<Response> list_sessions(Request& req) {
  App& app = *req.app;
  auto idle_cutoff = req.now - std::chrono::minutes(app.config.session_idle_minutes);
  auto read = [user_id = req.caller().user_id, now = req.now, idle_cutoff](storage::ReadTxn& tx)
      -> core::Result<std::vector<storage::SessionRecord>> {
    return storage::SessionRepository::list_active(tx, user_id, now, idle_cutoff);
  };
  auto sessions = co_await db_read(app.db, std::move(read));
  if (!sessions) co_return problem(req, sessions.error());
  bj::array items;
  for (const auto& s : *sessions) items.push_back(session_json(s, req.caller().session_id));
  co_return json(200, {{"items", std::move(items)}}, true);
}

asio::awaitable<Response> end_session(Request& req) {
  auto ctx = audit_context(req);
  auto write = [ctx, user_id = req.caller().user_id, id = req.param("id"),
                &hub = req.app->events](storage::WriteTxn& tx) -> core::Result<bool> {
    // Scoped to the caller's own sessions in SQL: someone else's id is simply not found.
    if (!sign_out_session(tx, hub, user_id, id, ctx.at))
      return core::Error::not_found("session");
    storage::append_audit(tx, ctx.event("auth.session_ended", "session", id));
    return true;
  };
  auto done = co_await db_write(req.app->db, std::move(write));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

asio::awaitable<Response> change_password(Request& req) {
  App& app = *req.app;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(password_fields);
  auto current = f.string("current_password", true, 1024);
  auto next = f.string("new_password", true, 1024);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  if (auto policy = core::check_password(*next, "new_password"); !policy)
    co_return problem(req, policy.error());

  // Reserved before the check, as at sign-in: parallel guesses count against each other, and
  // where processes share the database, the wrong passwords any of them counted.
  std::string limit_key = "password:" + req.caller().user_id;
  const SharedFailures shared(app, app.account_checks_by_user,
                              {{limit_key, app.config.login_failures_per_15_minutes}});
  FailureSlot slot;
  auto wait = co_await shared.reserve(app, req.now, slot);
  if (!wait) co_return problem(req, wait.error());
  if (*wait > 0) {
    auto r = problem(req, 429, "too-many-attempts", "", "Too many wrong passwords; wait before trying again.");
    r.set("Retry-After", std::to_string(*wait));
    co_return r;
  }
  auto find = [id = req.caller().user_id](storage::ReadTxn& tx) -> core::Result<storage::LoginRecord> {
    auto user = storage::UserRepository::find_for_login(tx, id, true);
    if (!user) return core::Error::not_found("user");
    return std::move(*user);
  };
  auto stored = co_await db_read(app.db, std::move(find));
  if (!stored) co_return problem(req, stored.error());
  auto checked = co_await app.hasher.verify(stored->password_hash, *current, nullptr);
  if (!checked) co_return problem(req, checked.error());  // busy: 503, not a failure
  auto ctx = audit_context(req);
  if (!*checked) {
    slot.fail();
    auto audit = [ctx, shared](storage::WriteTxn& tx) -> core::Result<bool> {
      storage::append_audit(tx, ctx.event("user.password_changed", "user", ctx.actor_user, "failed"));
      shared.record(tx, ctx.at);
      return true;
    };
    auto logged = co_await db_write(app.db, std::move(audit));
    (void)logged;  // the 422 goes out either way
    co_return problem(req, core::Error::invalid_field("current_password", "is not your current password"));
  }
  app.account_checks_by_user.clear(limit_key);
  if (stored->password_expires_at && req.now >= *stored->password_expires_at)
    co_return problem(req, core::Error::invalid_field(
                               "current_password",
                               "is a one-time password that has expired: ask an administrator to reset it again"));
  auto hash = co_await app.hasher.hash(*next);
  if (!hash) co_return problem(req, hash.error());
  auto write = [ctx, hash = *hash, session_id = req.caller().session_id, &hub = app.events,
                shared](storage::WriteTxn& tx) -> core::Result<bool> {
    storage::UserRepository::set_password(tx, ctx.actor_user, hash, ctx.at);
    shared.clear(tx);
    // Whoever else holds a session may be the reason for the change.
    sign_out_user(tx, hub, ctx.actor_user, session_id, ctx.at);
    storage::append_audit(tx, ctx.event("user.password_changed", "user", ctx.actor_user));
    return true;
  };
  auto done = co_await db_write(app.db, std::move(write));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

// 20 symbols of 32 (100 bits), grouped for reading aloud over the phone.
std::string temporary_password() {
  static constexpr std::string_view kSymbols = "23456789abcdefghijkmnpqrstuvwxyz";
  std::string out;
  for (unsigned char b : random_bytes(20)) {
    if (!out.empty() && out.size() % 6 == 5) out += '-';
    out += kSymbols[b & 31];
  }
  return out;
}

// What an administrator changes about another user, inside the write that finds the user.
using UserChange = std::function<void(storage::WriteTxn&, const std::string& user_id)>;

// Finds the user the URL names as the caller may see them (scoped in SQL: an org_admin finds
// only users of their own organisation, else 404), checks that the caller may act on them
// (core::check_user_action: never on oneself, an org_admin never on a holder of a network
// role), applies `change`, ends every session of that user and records `action`, all in one
// transaction.
asio::awaitable<core::Result<bool>> administer_user(Request& req, const char* action, UserChange change) {
  auto ctx = audit_context(req);
  auto write = [ctx, action, change, actor = req.caller(), id = req.param("id"),
                &hub = req.app->events](storage::WriteTxn& tx) -> core::Result<bool> {
    auto user = storage::UserRepository::find_for_update(tx, actor, id);
    if (!user) return user.error();
    if (auto ok = core::check_user_action(actor, user->holder()); !ok) return ok.error();
    if (change) change(tx, id);
    sign_out_user(tx, hub, id, "", ctx.at);
    storage::append_audit(tx, ctx.event(action, "user", id));
    return true;
  };
  co_return co_await db_write(req.app->db, std::move(write));
}

// The administrator routes take no body, or `{}`.
std::optional<Response> refuse_body(Request& req) {
  auto body = read_body(req, true);
  if (body.problem) return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({});
  if (!errors.empty()) return problem(req, core::Error::invalid(std::move(errors)));
  return std::nullopt;
}

asio::awaitable<Response> reset_password(Request& req) {
  App& app = *req.app;
  if (!core::may_manage_users(req.caller()))
    co_return problem(req, core::Error::forbidden("Only administrators reset passwords."));
  if (auto refused = refuse_body(req)) co_return std::move(*refused);

  std::string password = temporary_password();
  auto hashed = co_await app.hasher.hash(password);
  if (!hashed) co_return problem(req, hashed.error());
  std::string hash = std::move(*hashed);
  // Unused, it must not stay a way in for ever (ASVS 2.3.1).
  auto expires_at = req.now + std::chrono::hours(app.config.temporary_password_hours);
  UserChange set = [hash, expires_at, now = req.now](storage::WriteTxn& tx, const std::string& id) {
    storage::UserRepository::set_temporary_password(tx, id, hash, expires_at, now);
  };
  auto done = co_await administer_user(req, "user.password_reset", std::move(set));
  if (!done) co_return problem(req, done.error());
  co_return json(200, {{"temporary_password", password}, {"expires_at", core::format_timestamp(expires_at)}},
                 true);
}

asio::awaitable<Response> reset_two_factor(Request& req) {
  if (!core::may_manage_users(req.caller()))
    co_return problem(req, core::Error::forbidden("Only administrators reset two-factor sign-in."));
  if (auto refused = refuse_body(req)) co_return std::move(*refused);
  // Not one's own (administer_user refuses it): someone holding an administrator's session and
  // password must not swap in their own authenticator; the owner uses a recovery code.
  UserChange turn_off = [now = req.now](storage::WriteTxn& tx, const std::string& id) {
    storage::TwoFactorRepository::reset(tx, id, now);
  };
  auto done = co_await administer_user(req, "user.two_factor_reset", std::move(turn_off));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

asio::awaitable<Response> end_all_sessions(Request& req) {
  if (!core::may_manage_users(req.caller()))
    co_return problem(req, core::Error::forbidden("Only administrators end other users' sessions."));
  UserChange nothing_else;  // named: a temporary inside co_await is what GCC 12 mishandles
  auto done = co_await administer_user(req, "user.sessions_ended", std::move(nothing_else));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

}  // namespace

void add_account_security_routes(Router& r) {
  r.add({"GET", "/api/v1/me/sessions", Access::signed_in, list_sessions,
         "The caller's own active sessions", "auth"})
      .gives(200, "SessionList");
  r.add({"DELETE", "/api/v1/me/sessions/{id}", Access::signed_in, end_session,
         "End one of the caller's sessions; its token stops working at once", "auth"})
      .gives(204);
  r.add({"POST", "/api/v1/me/password", Access::enrolling_ok, change_password,
         "Change one's password; ends the other sessions", "auth"})
      .takes("PasswordChange", password_fields).gives(204);
  r.add({"POST", "/api/v1/users/{id}/reset-password", Access::signed_in, reset_password,
         "Administrator: set a one-time password the user must change before it expires; ends "
         "their sessions",
         "directory"})
      .takes("Empty", {}, true).gives(200, "TemporaryPassword");
  r.add({"POST", "/api/v1/users/{id}/reset-two-factor", Access::signed_in, reset_two_factor,
         "Administrator: turn off another user's two-factor sign-in (lost authenticator) and "
         "their recovery codes; ends their sessions; they enrol again",
         "directory"})
      .takes("Empty", {}, true).gives(204);
  r.add({"POST", "/api/v1/users/{id}/sessions/end-all", Access::signed_in, end_all_sessions,
         "Administrator: end every session of a user", "directory"})
      .takes("Empty", {}, true).gives(204);
}

}  // namespace enlace::gateway

namespace enlace::gateway {

boost::json::value session_schema() {
  namespace s = schema;
  return s::object({{"id", s::text()},
                    {"created_at", s::date_time()},
                    {"last_used_at", s::date_time()},
                    {"address", s::text()},
                    {"user_agent", s::text()},
                    {"current", s::boolean()}});
}

}  // namespace enlace::gateway
