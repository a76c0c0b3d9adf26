// Two-factor enrolment (API.md, Authentication): POST /me/totp starts it, /me/totp/confirm
// proves the authenticator works and turns it on, returning the recovery codes once.
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/routes.hpp"
#include "gateway/shared_failures.hpp"
#include "gateway/totp.hpp"
#include "storage/audit_log.hpp"
#include "storage/two_factor_repository.hpp"
#include "storage/user_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr BodyField kTotpConfirmFields[] = {{"code", BodyField::text, true, 64}};
constexpr BodyFields totp_confirm_fields{kTotpConfirmFields};

}  // namespace

namespace {

Response too_many_checks(const Request& req, int wait) {
  auto r = problem(req, 429, "too-many-attempts", "", "Too many wrong codes; wait before trying again.");
  r.set("Retry-After", std::to_string(wait));
  return r;
}

asio::awaitable<Response> start_enrolment(Request& req) {
  App& app = *req.app;
  auto body = read_body(req, true);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  std::string secret = totp::new_secret();
  auto ctx = audit_context(req);
  auto write = [ctx, secret, user_id = req.caller().user_id](storage::WriteTxn& tx)
      -> core::Result<std::string> {
    auto user = storage::UserRepository::find_for_login(tx, user_id, true);
    if (!user) return core::Error::not_found("user");
    auto started = storage::TwoFactorRepository::start_enrolment(tx, user_id, secret, ctx.at);
    if (!started) return started.error();
    storage::append_audit(tx, ctx.event("auth.totp_enrolment_started", "user", user_id));
    return user->user.username;
  };
  auto username = co_await db_write(app.db, std::move(write));
  if (!username) co_return problem(req, username.error());
  co_return json(200, {{"secret", secret}, {"otpauth_uri", totp::provisioning_uri(*username, secret)}},
                 true);
}

struct Confirmed {
  bool ok = false;  // false: the code did not match (nothing was changed)
};

asio::awaitable<Response> confirm_enrolment(Request& req) {
  App& app = *req.app;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only(totp_confirm_fields);
  auto code = f.string("code", true, 64);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  // Reserved before the check, as at sign-in: parallel guesses count against each other.
  // Where processes share the database, also the wrong codes any of them counted.
  std::string limit_key = "totp:" + req.caller().user_id;
  const SharedFailures shared(app, app.account_checks_by_user,
                              {{limit_key, app.config.login_failures_per_15_minutes}});
  FailureSlot slot;
  auto wait = co_await shared.reserve(app, req.now, slot);
  if (!wait) co_return problem(req, wait.error());
  if (*wait > 0) co_return too_many_checks(req, *wait);

  auto codes = totp::new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(totp::recovery_code_hash(req.caller().user_id, c));
  auto ctx = audit_context(req);
  auto write = [ctx, hashes, code = *code, user_id = req.caller().user_id,
                shared](storage::WriteTxn& tx) -> core::Result<Confirmed> {
    auto state = storage::TwoFactorRepository::find(tx, user_id);
    if (!state) return core::Error::not_found("user");
    if (state->enabled)
      return core::Error::conflict("totp-already-enabled", "Two-factor sign-in is already on.");
    if (!state->secret)
      return core::Error::conflict("totp-not-started", "Start enrolment with POST /api/v1/me/totp first.");
    auto key = totp::base32_decode(*state->secret);
    auto step = key ? totp::match_step(*key, code, totp::step_at(ctx.at), state->last_step)
                    : std::nullopt;
    if (!step) {
      storage::append_audit(tx, ctx.event("auth.totp_enabled", "user", user_id, "failed"));
      shared.record(tx, ctx.at);
      return Confirmed{false};
    }
    storage::TwoFactorRepository::enable(tx, user_id, *step, hashes, ctx.at);
    shared.clear(tx);
    storage::append_audit(tx, ctx.event("auth.totp_enabled", "user", user_id));
    return Confirmed{true};
  };
  auto done = co_await db_write(app.db, std::move(write));
  if (!done) co_return problem(req, done.error());
  if (!done->ok) {
    slot.fail();
    co_return problem(req, core::Error::invalid_field(
                               "code", "does not match: check the time on your device and retry"));
  }
  app.account_checks_by_user.clear(limit_key);
  bj::array list;
  for (const auto& c : codes) list.emplace_back(c);
  co_return json(200, {{"recovery_codes", std::move(list)}}, true);
}

}  // namespace

void add_two_factor_routes(Router& r) {
  r.add({"POST", "/api/v1/me/totp", Access::enrolling_ok, start_enrolment,
         "Start two-factor enrolment: a new secret and its otpauth:// URI", "auth"})
      .takes("Empty", {}, true).gives(200, "TotpEnrolment");
  r.add({"POST", "/api/v1/me/totp/confirm", Access::enrolling_ok, confirm_enrolment,
         "Confirm enrolment with a code; turns two-factor on and returns recovery codes once", "auth"})
      .takes("TotpConfirm", totp_confirm_fields).gives(200, "RecoveryCodes");
}

}  // namespace enlace::gateway
