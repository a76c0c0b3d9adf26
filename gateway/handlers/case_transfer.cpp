// POST /api/v1/cases/{id}/transfer (API.md, Daily work): hands a case to another organisation
// under a consent that covers it. The sender loses access in the same transaction; consents,
// needs and history go with the case; the audit records the move on both sides.
#include "core/case_transfer.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"
#include "storage/audit_log.hpp"
#include "storage/case_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

asio::awaitable<Response> transfer_case(Request& req) {
  std::string id = req.param("id");
  if (auto denied = require_caseworker(req, "case.transfer", id)) co_return *denied;
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  core::FieldErrors errors;
  FieldReader f(*body.body, "", errors);
  f.only({"to_organization_id", "reason"});
  auto to = f.string("to_organization_id", false, 100);
  auto reason = f.string("reason", false, 100000);
  if (!errors.empty()) co_return problem(req, core::Error::invalid(std::move(errors)));
  auto request = core::make_transfer_request(to, reason);
  if (!request) co_return problem(req, request.error());

  auto ctx = audit_context(req);
  auto apply = [id, ctx, request = *request, expected = *version.version,
                transfer_id = new_id(req.now),
                actor = req.caller()](storage::WriteTxn& tx) -> core::Result<storage::CaseTransferred> {
    auto moved = storage::CaseRepository::transfer(tx, actor, id, expected, request, transfer_id,
                                                   ctx.at);
    if (!moved) return moved;
    // Both sides: the case's own trail (read by the access report, whoever holds the case
    // now), and the receiving organisation's, where its auditors look for what came in.
    storage::append_audit(tx, ctx.event("case.transfer", "case", id));
    storage::append_audit(tx, ctx.event("case.transfer", "organization", moved->to_organization_id));
    return moved;
  };
  auto moved = co_await db_write(req.app->db, std::move(apply));
  if (!moved) co_return refuse(req, moved.error(), "case.transfer", "case", id);
  co_return json(200, bj::object{{"case_id", moved->case_id},
                                 {"organization_id", moved->to_organization_id}});
}

}  // namespace

void add_case_transfer_routes(Router& r) {
  r.add({"POST", "/api/v1/cases/{id}/transfer", Access::signed_in, transfer_case,
         "Hand the case to another organisation under a consent that covers it (If-Match)",
         "cases"});
}

}  // namespace enlace::gateway
