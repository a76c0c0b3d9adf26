// POST /referrals/{id}/transitions: parses the move and If-Match, runs the use case
// core::transition_referral in one write, renders. The same move serves an external
// organisation's respond link (as its receiver) and the sender recording an external
// receiver's answer ("on_behalf").
#include "core/referral_lifecycle.hpp"
#include "core/use_cases/transition_referral.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/prepared_sending.hpp"
#include "gateway/use_case_jobs.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

constexpr BodyField kTransitionFields[] = {
    {"to", BodyField::text, true, 64},     {"reason_code", BodyField::text, false, 64},
    {"reason", BodyField::text},           {"outcome_code", BodyField::text, false, 64},
    {"outcome", BodyField::text},          {"on_behalf", BodyField::boolean}};
const BodyFields transition_fields{kTransitionFields};

namespace {

core::Result<core::TransitionRequest> read_move(const bj::object& body) {
  core::FieldErrors errors;
  FieldReader f(body, "", errors);
  f.only(transition_fields);
  auto to = f.string("to", true, 64);
  auto on_behalf = f.has("on_behalf") ? f.boolean("on_behalf") : std::optional<bool>(false);
  core::TransitionInputDraft d;
  d.reason_code = f.string("reason_code", false, 64);
  d.reason = f.string("reason");
  d.outcome_code = f.string("outcome_code", false, 64);
  d.outcome = f.string("outcome");
  std::optional<core::Status> status;
  if (to && !(status = core::parse_status(*to))) errors.add("to", "is not a referral state");
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  auto input = core::make_transition_input(d);
  if (!input) return input.error();
  core::TransitionRequest m;
  m.to = *status;
  m.input = std::move(*input);
  m.on_behalf = on_behalf.value_or(false);
  return m;
}

}  // namespace

asio::awaitable<Response> transition_referral_as(Request& req, core::Actor actor,
                                                 core::AuditContext ctx, std::string id) {
  App& app = *req.app;
  auto version = if_match_version(req);
  if (version.problem) co_return std::move(*version.problem);
  auto body = read_body(req);
  if (body.problem) co_return std::move(*body.problem);
  auto move = read_move(*body.body);
  if (!move) co_return problem(req, move.error());

  move->referral_id = std::move(id);
  move->version = *version.version;

  // Sending a draft is prepared on a read snapshot first (prepare_sending).
  PreparedSend prepared;
  if (move->to == core::Status::requested) {
    auto decide = [actor, m = *move, at = ctx.at](core::SendingReads& reads) {
      return core::prepare_transition(reads, actor, m, at);
    };
    prepared = co_await prepare_sending(app, std::move(decide));
  }
  auto move_it = [actor = std::move(actor), m = std::move(*move),
                  sending = std::move(prepared.sending)](const core::ReferralPorts& ports,
                                                         core::Timestamp now) {
    return core::transition_referral(ports, actor, m, now, sending ? &*sending : nullptr);
  };
  auto apply = referral_job(std::move(ctx), req.audit, app.events, std::move(move_it),
                            std::move(prepared.tracking));
  auto render = [now = req.now, &base = app.config.public_url](
                    const Refusable<core::ReferralSaved>& d) -> std::optional<Response> {
    if (d.refused) return std::nullopt;
    const core::ReferralSaved& m = *d.value;
    auto out = referral_json(m.referral, m.history, now);
    if (m.tracking) out["tracking"] = tracking_json(m.tracking->code, m.tracking->pin, base);
    return with_etag(json(200, out, true), m.referral.version);
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto done = co_await db_write(app.db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return problem(req, *done->refused);
  co_return *render(*done);
}

asio::awaitable<Response> post_transition(Request& req) {
  co_return co_await as_referral_party(req, "referral.transition", transition_referral_as);
}

}  // namespace enlace::gateway
