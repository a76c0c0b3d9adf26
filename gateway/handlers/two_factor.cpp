// Two-factor enrolment (API.md, Authentication): POST /me/totp starts it, /me/totp/confirm
// proves the authenticator works and turns it on, returning the recovery codes once.
#include "core/use_cases/two_factor.hpp"
#include "gateway/account_ports.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/routes.hpp"
#include "gateway/shared_failures.hpp"
#include "gateway/totp.hpp"

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

  auto write = account_job(req, [actor = req.caller()](const core::AccountPorts& ports,
                                                       core::Timestamp now) {
    return core::start_two_factor(ports, actor, now);
  });
  auto started = co_await db_write(app.db, std::move(write));
  if (!started) co_return problem(req, started.error());
  co_return json(200,
                 {{"secret", started->secret},
                  {"otpauth_uri", totp::provisioning_uri(started->username, started->secret)}},
                 true);
}

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

  auto write = account_job(
      req,
      [actor = req.caller(), code = *code](const core::AccountPorts& ports, core::Timestamp now) {
        return core::confirm_two_factor(ports, actor, code, now);
      },
      shared);
  auto done = co_await db_write(app.db, std::move(write));
  if (!done) co_return problem(req, done.error());
  if (done->refused) {
    slot.fail();
    co_return problem(req, *done->refused);
  }
  app.account_checks_by_user.clear(limit_key);
  bj::array list;
  for (const auto& c : *done->value) list.emplace_back(c);
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
