// POST /api/v1/cases/{id}/transfer (API.md, Daily work): hands a case to another organisation
// under a consent that covers it: parses, calls core::transfer_case
// (core/use_cases/transfer_case.hpp), renders. The audit records the move on both sides.
#include "core/case_transfer.hpp"
#include "core/use_cases/transfer_case.hpp"
#include "gateway/app.hpp"
#include "gateway/case_ports.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/random.hpp"
#include "gateway/routes.hpp"

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

  auto apply = case_job(req, [id, request = *request, expected = *version.version,
                              transfer_id = new_id(req.now), actor = req.caller()](
                                 const core::CasePorts& ports, core::Timestamp now) {
    return core::transfer_case(ports, actor, id, expected, request, transfer_id, now);
  });
  auto moved = co_await db_write(req.app->db, std::move(apply));
  if (!moved) co_return problem(req, moved.error());
  if (moved->refused) co_return problem(req, *moved->refused);
  co_return json(200, bj::object{{"case_id", moved->value->case_id},
                                 {"organization_id", moved->value->to_organization_id}});
}

}  // namespace

void add_case_transfer_routes(Router& r) {
  r.add({"POST", "/api/v1/cases/{id}/transfer", Access::signed_in, transfer_case,
         "Hand the case to another organisation under a consent that covers it (If-Match)",
         "cases"});
}

}  // namespace enlace::gateway
