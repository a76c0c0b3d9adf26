// Organisations without accounts (API.md): the respond link's routes, which give the external
// organisation exactly the receiver's view and moves through the same code as a signed-in
// receiver, with no session; and the sender's POST /referrals/{id}/respond-link.
#include "core/access_policy.hpp"
#include "core/use_cases/issue_respond_link.hpp"
#include "core/use_cases/open_respond_link.hpp"
#include "gateway/app.hpp"
#include "gateway/auth.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/person_view_secrets.hpp"
#include "gateway/routes.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

// The external organisation as the referral routes' actor: its receiving side, no user.
core::Actor external_actor(const std::string& organization_id) {
  core::Actor a;
  a.organization_id = organization_id;
  a.roles = {core::Role::partner};
  return a;
}

// Every use of a link is audited as the organisation it was made for.
core::AuditContext external_context(const Request& req, const std::string& organization_id) {
  auto c = audit_context(req);
  c.actor_user.clear();
  c.organization = organization_id;
  c.role = "external";
  return c;
}

struct Opened {
  std::optional<core::RespondLinkTarget> target;
  std::optional<Response> refused;
};

// Rate-limited per client address like every request without a session; an unknown, replaced
// or expired token is 404 and leaves an event (core::open_respond_link).
asio::awaitable<Opened> open_link(Request& req) {
  if (auto limited = co_await limit_by_address(req)) co_return Opened{std::nullopt, std::move(*limited)};
  const std::string& token = req.param("token");
  std::string hash = token.empty() || token.size() > 200 ? "" : respond_token_hash(token);
  auto ctx = audit_context(req);
  ctx.role = "external";
  auto follow = [hash = std::move(hash)](const core::ReferralPorts& ports, core::Timestamp now) {
    return core::open_respond_link(ports, hash, now);
  };
  auto apply = referral_job(std::move(ctx), req.audit, req.app->events, std::move(follow));
  auto found = co_await db_write(req.app->db, std::move(apply));
  if (!found) co_return Opened{std::nullopt, problem(req, found.error())};
  if (found->refused) co_return Opened{std::nullopt, problem(req, *found->refused)};
  co_return Opened{std::move(*found->value), std::nullopt};
}

// Opens the link, then runs the receiver's route as the external organisation.
asio::awaitable<Response> through_link(Request& req, RouteAs run) {
  auto opened = co_await open_link(req);
  if (opened.refused) co_return std::move(*opened.refused);
  auto actor = external_actor(opened.target->organization_id);
  auto ctx = external_context(req, opened.target->organization_id);
  co_return co_await run(req, std::move(actor), std::move(ctx),
                         std::move(opened.target->referral_id));
}

asio::awaitable<Response> get_respond(Request& req) {
  co_return co_await through_link(req, read_referral_as);
}
asio::awaitable<Response> post_respond_transition(Request& req) {
  co_return co_await through_link(req, transition_referral_as);
}
asio::awaitable<Response> get_respond_messages(Request& req) {
  co_return co_await through_link(req, list_messages_as);
}
asio::awaitable<Response> post_respond_message(Request& req) {
  co_return co_await through_link(req, post_message_as);
}

// The sender makes a new link to hand over by phone or on paper; the old one stops working.
asio::awaitable<Response> post_respond_link(Request& req) {
  if (!takes_part_in_referrals(req.caller())) {
    core::Error denied = core::Error::forbidden();
    std::string entity_id = req.param("id");
    co_return refuse(req, std::move(denied), "referral.respond_link", "referral",
                              std::move(entity_id));
  }
  auto body = read_body(req, true);
  if (body.problem) co_return std::move(*body.problem);
  if (!body.body->empty())
    co_return problem(req, core::Error::invalid_field(std::string(body.body->begin()->key()),
                                                      "is not a field of this request"));
  auto issue = [actor = req.caller(), id = req.param("id")](const core::ReferralPorts& ports,
                                                             core::Timestamp now) {
    return core::issue_respond_link(ports, actor, id, now);
  };
  auto apply = referral_job(audit_context(req), req.audit, req.app->events, std::move(issue));
  auto done = co_await db_write(req.app->db, std::move(apply));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  bj::object out{{"url", respond_url(req.app->config.public_url, done->value->token)}};
  out["expires_at"] = done->value->expires_at
                          ? bj::value(core::format_timestamp(*done->value->expires_at))
                          : bj::value(nullptr);
  co_return json(201, out, true);
}

}  // namespace

void add_respond_routes(Router& r) {
  r.add({"POST", "/api/v1/referrals/{id}/respond-link", Access::signed_in, post_respond_link,
         "Make a new respond link for a referral to an organisation without accounts "
         "(sender); returns it once and ends the old one",
         "referrals"})
      .takes("Empty", {}, true).gives(201, "RespondLink");
  r.add({"GET", "/api/v1/respond/{token}", Access::open, get_respond,
         "The referral as its external receiver sees it, through its respond link (no session)",
         "respond"})
      .gives(200, "Referral");
  r.add({"POST", "/api/v1/respond/{token}/transitions", Access::open, post_respond_transition,
         "Move the referral as its external receiver (If-Match), through its respond link",
         "respond"})
      .takes("Transition", transition_fields).gives(200, "Referral");
  r.add({"GET", "/api/v1/respond/{token}/messages", Access::open, get_respond_messages,
         "The referral's messages, through its respond link", "respond"})
      .gives(200, "MessageList");
  r.add({"POST", "/api/v1/respond/{token}/messages", Access::open, post_respond_message,
         "Write to the sender, through the respond link", "respond"})
      .takes("MessageDraft", message_fields).gives(201, "Message");
}

}  // namespace enlace::gateway
