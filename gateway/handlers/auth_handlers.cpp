// Sign-in, sign-out and the signed-in user (API.md, Authentication).
#include "core/use_cases/accounts.hpp"
#include "core/use_cases/sign_in.hpp"
#include "gateway/account_ports.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/account_fields.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "gateway/shared_failures.hpp"

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

Response second_factor_refused(const Request& req) {
  return problem(req, 401, "invalid-totp", "", "The code is wrong or was already used.");
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

  auto find = account_read([name = *username](core::AccountReader& reader) {
    return core::Result<std::optional<core::LoginRecord>>(core::find_sign_in(reader, name));
  });
  auto found = co_await db_read(app.db, std::move(find));
  if (!found) co_return problem(req, found.error());

  // An unknown username costs the same work as a wrong password, and gets the same answer.
  bool rehash = false;
  core::Result<bool> checked = false;
  if (*found) {
    checked = co_await app.hasher.verify((*found)->password_hash, *password, &rehash);
  } else {
    checked = co_await app.hasher.verify_dummy(*password);
  }
  if (!checked) co_return problem(req, checked.error());  // busy: 503, not a failure
  TotpCredentials credentials;
  auto verdict = core::judge_sign_in(*found, *checked, totp, req.now, credentials);
  if (verdict.outcome == core::SignInOutcome::second_factor_required) {
    co_return problem(req, 401, "totp-required", "",
                      "Enter the code from your authenticator app.");
  }

  const bool accepted = verdict.outcome == core::SignInOutcome::accepted;
  std::string token;
  core::NewSession s;
  std::optional<std::string> new_hash;
  if (accepted) {
    token = new_token();
    s.id = new_id(req.now);
    s.token_hash = sha256(token);
    s.user_id = (*found)->user.id;
    s.address = req.remote_address;
    s.user_agent = std::string(req.header("user-agent").value_or(""));
    s.created_at = req.now;
    s.expires_at = req.now + std::chrono::hours(app.config.session_absolute_hours);
    // Upgrading the stored hash can wait for a quieter sign-in when the queue is full.
    if (rehash) {
      auto upgraded = co_await app.hasher.hash(*password);
      if (upgraded) new_hash = std::move(*upgraded);
    }
  }
  // A refusal is settled before its write: parallel guesses count it at once.
  const bool failure = !accepted && verdict.outcome != core::SignInOutcome::password_expired;
  if (failure) {
    slot.fail();
    app.metrics.login_failures.fetch_add(1);
  }
  auto write = sign_in_job(req, *found, shared,
                           [verdict, rec = *found, s, new_hash](const core::SignInPorts& ports,
                                                                 core::Timestamp now) {
                             return core::sign_in(ports, verdict, rec, s, new_hash, now);
                           });
  auto outcome = co_await db_write(app.db, std::move(write));
  if (!accepted) {
    // The 401 goes out either way; a failed audit write is logged by the writer. The right
    // one-time password, too late, is said plainly (only its holder gets this far), so that
    // the user asks for a new one instead of retrying into the limit.
    if (verdict.outcome == core::SignInOutcome::password_expired)
      co_return problem(req, 401, "temporary-password-expired", "",
                        "This one-time password has expired: ask an administrator to reset your password again.");
    if (verdict.outcome == core::SignInOutcome::second_factor_wrong)
      co_return second_factor_refused(req);
    co_return login_refused(req);
  }
  if (!outcome) co_return problem(req, outcome.error());
  if (*outcome == core::SignInOutcome::second_factor_wrong) {  // spent meanwhile
    slot.fail();
    app.metrics.login_failures.fetch_add(1);
    co_return second_factor_refused(req);
  }
  // A right answer releases its reservation and forgives this pair's earlier typos; the
  // failures other addresses caused stay counted against the username.
  app.sign_in_failures.clear(keys.front().name);

  const core::UserRecord& user = (*found)->user;
  bj::object answer{{"token", token},
                    {"expires_at", core::format_timestamp(s.expires_at)},
                    {"user", user_json(user)}};
  if (app.demo) answer["demo"] = true;
  auto res = json(200, answer, true);
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (req.https) cookie += "; Secure";
  res.set("Set-Cookie", cookie);
  co_return res;
}

asio::awaitable<Response> logout(Request& req) {
  App& app = *req.app;
  auto write = account_job(req, [actor = req.caller()](const core::AccountPorts& ports,
                                                       core::Timestamp now) {
    return core::sign_out(ports, actor, now);
  });
  auto saved = co_await db_write(app.db, std::move(write));
  if (!saved) co_return problem(req, saved.error());
  auto res = no_content();
  std::string cookie = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (req.https) cookie += "; Secure";
  res.set("Set-Cookie", cookie);
  co_return res;
}

asio::awaitable<Response> me(Request& req) {
  auto find = account_read([actor = req.caller()](core::AccountReader& reader) {
    return core::read_own_account(reader, actor);
  });
  auto found = co_await db_read(req.app->db, std::move(find));
  if (!found) co_return problem(req, found.error());
  auto body = user_json(found->user);
  body["time_zone"] = optional_string(found->time_zone);  // the UI shows times in it
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
  core::UserPatchDraft draft;
  draft.display_name = f.string("display_name", false, 1000);
  if (f.is_null("display_name")) f.error("display_name", "must not be null");
  auto contact = read_contact_fields(f);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  draft.email = contact.email;
  draft.language = contact.language;
  auto patch = core::make_user_patch(draft);
  if (!patch) co_return problem(req, patch.error());
  auto write = account_job(req, [actor = req.caller(), patch = std::move(*patch)](
                                    const core::AccountPorts& ports, core::Timestamp now) {
    return core::update_own_account(ports, actor, patch, now);
  });
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
