// Consent routes (API.md, Cases and consent): record a consent on a case, withdraw it.
// Empty lists mean "none"; a withdrawal stops every new referral the consent covered.
#include "core/consent.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/case_json.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "storage/audit_log.hpp"
#include "storage/case_repository.hpp"
#include "storage/consent_repository.hpp"

namespace enlace::gateway {

namespace asio = boost::asio;
using storage::ConsentRepository;

namespace {

asio::awaitable<Response> create_consent(Request& req) {
  std::string case_id = req.param("id");
  if (auto denied = require_caseworker(req, "consent.create", case_id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  core::FieldErrors errors;
  core::ConsentDraft draft = read_consent_draft(*body.body, errors);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));

  auto ctx = audit_context(req);
  std::string id = new_id(req.now);
  auto apply = [case_id, id, draft, ctx,
                actor = req.caller()](storage::WriteTxn& tx) -> core::Result<core::Consent> {
    // Visibility before validation: a stranger's case is 404 whatever the body says.
    auto owner = storage::CaseRepository::find_for_update(tx, actor, case_id);
    if (!owner) return owner.error();
    auto categories = storage::CaseRepository::known_categories(tx);
    auto consent = core::make_consent(draft, categories, ctx.at);
    if (!consent) return consent;
    auto saved = ConsentRepository::insert(tx, actor, case_id, id, *consent);
    if (!saved) return saved;
    storage::append_audit(tx, ctx.event("consent.create", "case", case_id));
    return saved;
  };
  auto render = [now = req.now, case_id, id](const core::Consent& c) -> std::optional<Response> {
    auto res = json(201, consent_json(c, now), true);
    res.set("Location", "/api/v1/cases/" + case_id + "/consents/" + id);
    return res;
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto saved = co_await db_write(req.app->db, std::move(job));
  if (!saved) co_return refuse(req, saved.error(), "consent.create", "case", case_id);
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
  auto ctx = audit_context(req);
  auto apply = [case_id, consent_id, expected, ctx,
                actor = req.caller()](storage::WriteTxn& tx) -> core::Result<core::Consent> {
    auto saved = ConsentRepository::withdraw(tx, actor, case_id, consent_id, expected, ctx.at);
    if (!saved) return saved;
    storage::append_audit(tx, ctx.event("consent.withdraw", "case", case_id));
    return saved;
  };
  auto saved = co_await db_write(req.app->db, std::move(apply));
  if (!saved) co_return refuse(req, saved.error(), "consent.withdraw", "case", case_id);
  co_return json(200, consent_json(*saved, req.now), true);
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
