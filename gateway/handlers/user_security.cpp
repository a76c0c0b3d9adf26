// Account security (API.md, Authentication; issue 10): one's own sessions and password, and
// the administrator's password reset, two-factor reset and "end all sessions" for a user.
#include "core/use_cases/accounts.hpp"
#include "gateway/account_ports.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/shared_failures.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kPasswordFields[] = {{"current_password", BodyField::text, true, 1024},
                                         {"new_password", BodyField::text, true, 1024}};
constexpr BodyFields password_fields{kPasswordFields};

}  // namespace

namespace {

bj::object session_json(const core::SessionRecord& s, const std::string& current_id) {
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
  auto read = account_read([actor = req.caller(), now = req.now,
                            idle_cutoff](core::AccountReader& reader) {
    return core::list_own_sessions(reader, actor, now, idle_cutoff);
  });
  auto sessions = co_await db_read(app.db, std::move(read));
  if (!sessions) co_return problem(req, sessions.error());
  bj::array items;
  for (const auto& s : *sessions) items.push_back(session_json(s, req.caller().session_id));
  co_return json(200, {{"items", std::move(items)}}, true);
}

asio::awaitable<Response> end_session(Request& req) {
  auto write = account_job(req, [actor = req.caller(), id = req.param("id")](
                                    const core::AccountPorts& ports, core::Timestamp now) {
    return core::end_own_session(ports, actor, id, now);
  });
  auto done = co_await db_write(req.app->db, std::move(write));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

Response too_many_passwords(const Request& req, int wait) {
  auto r = problem(req, 429, "too-many-attempts", "", "Too many wrong passwords; wait before trying again.");
  r.set("Retry-After", std::to_string(wait));
  return r;
}

asio::awaitable<Response> change_password(Request& req) {
  App& app = *req.app;
  const core::Actor& actor = req.caller();
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(password_fields);
  auto current = f.string("current_password", true, 1024);
  auto next = f.string("new_password", true, 1024);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  if (auto policy = core::check_new_password(*next); !policy) co_return problem(req, policy.error());

  // Reserved before the check, as at sign-in: parallel guesses count against each other, and
  // where processes share the database, the wrong passwords any of them counted.
  std::string limit_key = "password:" + actor.user_id;
  const SharedFailures shared(app, app.account_checks_by_user,
                              {{limit_key, app.config.login_failures_per_15_minutes}});
  FailureSlot slot;
  auto wait = co_await shared.reserve(app, req.now, slot);
  if (!wait) co_return problem(req, wait.error());
  if (*wait > 0) co_return too_many_passwords(req, *wait);
  auto find = account_read(
      [actor](core::AccountReader& reader) { return core::find_own_login(reader, actor); });
  auto stored = co_await db_read(app.db, std::move(find));
  if (!stored) co_return problem(req, stored.error());
  auto checked = co_await app.hasher.verify(stored->password_hash, *current, nullptr);
  if (!checked) co_return problem(req, checked.error());  // busy: 503, not a failure
  auto judged = core::judge_current_password(*stored, *checked, req.now);
  if (!*checked) {
    slot.fail();
    auto audit = account_job(
        req,
        [actor](const core::AccountPorts& ports, core::Timestamp now) {
          return core::record_wrong_password(ports, actor, now);
        },
        shared);
    auto logged = co_await db_write(app.db, std::move(audit));
    (void)logged;  // the 422 goes out either way
    co_return problem(req, judged.error());
  }
  app.account_checks_by_user.clear(limit_key);
  if (!judged) co_return problem(req, judged.error());
  auto hash = co_await app.hasher.hash(*next);
  if (!hash) co_return problem(req, hash.error());
  auto write = account_job(
      req,
      [actor, hash = std::move(*hash)](const core::AccountPorts& ports, core::Timestamp now) {
        return core::change_password(ports, actor, hash, now);
      },
      shared);
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
  const core::Actor& actor = req.caller();
  if (auto may = core::may_administer(actor, core::AccountAction::reset_password); !may)
    co_return problem(req, may.error());
  if (auto refused = refuse_body(req)) co_return std::move(*refused);

  std::string password = temporary_password();
  auto hashed = co_await app.hasher.hash(password);
  if (!hashed) co_return problem(req, hashed.error());
  // Unused, it must not stay a way in for ever (ASVS 2.3.1).
  auto expires_at = req.now + std::chrono::hours(app.config.temporary_password_hours);
  auto write = account_job(req, [actor, id = req.param("id"), hash = std::move(*hashed),
                                 expires_at](const core::AccountPorts& ports, core::Timestamp now) {
    return core::reset_password(ports, actor, id, hash, expires_at, now);
  });
  auto done = co_await db_write(app.db, std::move(write));
  if (!done) co_return problem(req, done.error());
  co_return json(200, {{"temporary_password", password}, {"expires_at", core::format_timestamp(expires_at)}},
                 true);
}

asio::awaitable<Response> reset_two_factor(Request& req) {
  const core::Actor& actor = req.caller();
  if (auto may = core::may_administer(actor, core::AccountAction::reset_two_factor); !may)
    co_return problem(req, may.error());
  if (auto refused = refuse_body(req)) co_return std::move(*refused);
  auto write = account_job(req, [actor, id = req.param("id")](const core::AccountPorts& ports,
                                                              core::Timestamp now) {
    return core::reset_two_factor(ports, actor, id, now);
  });
  auto done = co_await db_write(req.app->db, std::move(write));
  if (!done) co_return problem(req, done.error());
  co_return no_content();
}

asio::awaitable<Response> end_all_sessions(Request& req) {
  const core::Actor& actor = req.caller();
  if (auto may = core::may_administer(actor, core::AccountAction::end_sessions); !may)
    co_return problem(req, may.error());
  auto write = account_job(req, [actor, id = req.param("id")](const core::AccountPorts& ports,
                                                              core::Timestamp now) {
    return core::end_all_sessions(ports, actor, id, now);
  });
  auto done = co_await db_write(req.app->db, std::move(write));
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
