// Consent routes (API.md, Cases and consent): record a consent on a case, withdraw it.
// Empty lists mean "none"; a withdrawal stops every new referral the consent covered. Each
// parses, calls its use case (core/use_cases/case_consents.hpp) and renders.
#include "core/consent.hpp"
#include "core/use_cases/case_consents.hpp"
#include "gateway/app.hpp"
#include "gateway/case_ports.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/case_json.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"

namespace enlace::gateway {

namespace asio = boost::asio;
using Recorded = core::Refusable<core::Consent>;

namespace {

asio::awaitable<Response> create_consent(Request& req) {
  std::string case_id = req.param("id");
  if (auto denied = require_caseworker(req, "consent.create", case_id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  core::ConsentDraft draft = read_consent_draft(*body.body, errors);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  std::string id = new_id(req.now);
  auto apply = case_job(req, [case_id, id, draft = std::move(draft), actor = req.caller()](
                                 const core::CasePorts& ports, core::Timestamp now) {
    return core::record_consent(ports, actor, case_id, id, draft, now);
  });
  auto render = [now = req.now, case_id, id](const Recorded& c) -> std::optional<Response> {
    if (c.refused) return std::nullopt;
    auto res = json(201, consent_json(*c.value, now), true);
    res.set("Location", "/api/v1/cases/" + case_id + "/consents/" + id);
    return res;
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto saved = co_await db_write(req.app->db, std::move(job));
  if (!saved) co_return problem(req, saved.error());
  if (saved->refused) co_return problem(req, *saved->refused);
  co_return *render(*saved);
}

asio::awaitable<Response> withdraw_consent(Request& req) {
  std::string case_id = req.param("id");
  std::string consent_id = req.param("consent_id");
  if (auto denied = require_caseworker(req, "consent.withdraw", case_id))
    co_return *denied;
  auto body = read_body(req, true);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({});
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  std::optional<std::int64_t> expected;
  if (req.header("if-match")) {
    auto version = if_match_version(req);
    if (version.problem) co_return std::move(*version.problem);
    expected = version.version;
  }
  auto apply = case_job(req, [case_id, consent_id, expected, actor = req.caller()](
                                 const core::CasePorts& ports, core::Timestamp now) {
    return core::withdraw_consent(ports, actor, case_id, consent_id, expected, now);
  });
  auto saved = co_await db_write(req.app->db, std::move(apply));
  if (!saved) co_return problem(req, saved.error());
  if (saved->refused) co_return problem(req, *saved->refused);
  co_return json(200, consent_json(*saved->value, req.now), true);
}

}  // namespace

void add_consent_routes(Router& r) {
  r.add({"POST", "/api/v1/cases/{id}/consents", Access::signed_in, create_consent,
         "Record the person's consent to share with named organisations for named categories",
         "cases", true})
      .takes("ConsentDraft", consent_fields)
      .gives(201, "Consent");
  r.add({"POST", "/api/v1/cases/{id}/consents/{consent_id}/withdraw", Access::signed_in,
         withdraw_consent, "Withdraw a consent (empty body or {})", "cases"})
      .takes("Empty", {}, true)
      .gives(200, "Consent");
}

}  // namespace enlace::gateway
