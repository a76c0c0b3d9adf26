// POST /referrals/{id}/transitions: the lifecycle table of core/referral_lifecycle.hpp applied
// for the caller's side, with If-Match. Sending a draft freezes its snapshot then. The same
// move serves an external organisation's respond link (as its receiver) and the sender
// recording an external receiver's answer ("on_behalf").
#include "core/access_policy.hpp"
#include "core/lawful_basis.hpp"
#include "core/referral_lifecycle.hpp"
#include "core/response_standards.hpp"
#include "core/shared_snapshot.hpp"
#include "gateway/audit_refusal.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/idempotency.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/referral_common.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/live_events.hpp"
#include "gateway/person_view_secrets.hpp"
#include "storage/audit_log.hpp"
#include "storage/case_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/respond_link_repository.hpp"
#include "storage/settings_repository.hpp"

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

struct Moved {
  storage::ReferralRecord referral;
  std::vector<storage::HistoryEntry> history;
  std::optional<Tracking> tracking;  // a draft just sent: shown this once with its PIN
};

struct Move {
  core::Status to = core::Status::requested;
  core::TransitionInput input;
  bool on_behalf = false;
};

}  // namespace

constexpr BodyField kTransitionFields[] = {
    {"to", BodyField::text, true, 64},     {"reason_code", BodyField::text, false, 64},
    {"reason", BodyField::text},           {"outcome_code", BodyField::text, false, 64},
    {"outcome", BodyField::text},          {"on_behalf", BodyField::boolean}};
const BodyFields transition_fields{kTransitionFields};

namespace {

core::Result<Move> read_move(const bj::object& body) {
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
  return Move{*status, std::move(*input), on_behalf.value_or(false)};
}

// draft -> requested: the lawful basis is decided and the snapshot frozen now, not when the
// draft was written (the consent may have changed since).
core::Result<storage::TransitionChange> sending_change(storage::WriteTxn& tx,
                                                       const core::Actor& actor,
                                                       const storage::ReferralRecord& r,
                                                       core::Timestamp now) {
  auto the_case = storage::CaseRepository::load_for_referral(tx, actor, *r.case_id);
  if (!the_case) return the_case.error();
  if (the_case->file.status == core::CaseStatus::closed)
    return core::Error::conflict("case-closed", "A closed case cannot be referred.");
  core::ReferralRequest request;
  request.case_id = *r.case_id;
  request.to_organization_id = r.to_org;
  request.category = r.category;
  request.urgency = r.urgency;
  request.legal_basis = r.legal_basis;
  auto basis = core::check_lawful_basis(request, the_case->consents, now);
  if (!basis) return basis.error();
  storage::TransitionChange c;
  if (!basis->consent_id.empty()) c.consent_id = basis->consent_id;
  // The needs chosen with the draft, still on the case; a draft from before the choice was
  // stored gets the default.
  auto needs = r.needs_choice ? *r.needs_choice : core::default_needs_choice(the_case->file, r.category);
  c.snapshot =
      snapshot_text(core::make_snapshot(the_case->file, r.shared_fields, needs, core::date_of(now)));
  auto standards = storage::SettingsRepository::response_standards(tx).standards;
  c.respond_by = r.respond_by && *r.respond_by > now
                     ? *r.respond_by
                     : core::deadline(standards, r.category, r.urgency, now);
  return c;
}

core::Result<storage::TransitionChange> checked_change(storage::WriteTxn& tx,
                                                       const core::Actor& actor,
                                                       const storage::ReferralRecord& current,
                                                       std::int64_t version, const Move& m,
                                                       core::Timestamp now) {
  std::optional<core::Side> side;
  if (m.on_behalf) {
    // The sender records what an organisation without accounts answered (by phone, on paper).
    if (!core::can_act_as_sender(actor, current.from_org))
      return core::Error::forbidden("Only the sending caseworkers record on behalf of the receiver.");
    if (!storage::RespondLinkRepository::external_receiver(tx, current.id))
      return core::Error::invalid_field(
          "on_behalf", "is only for referrals to an organisation without accounts");
    side = core::Side::receiver;
  } else {
    side = core::acting_side(actor, current.from_org, current.to_org, current.status, m.to);
  }
  // A sending org_admin can read a referral but moves it on neither side.
  if (!side) return core::Error::forbidden("You cannot act on this referral.");
  if (current.version != version) return core::Error::stale();
  auto to = core::check_transition(current.status, m.to, *side, m.input);
  if (!to) return to.error();
  storage::TransitionChange c;
  if (*to == core::Status::requested) {
    auto sending = sending_change(tx, actor, current, now);
    if (!sending) return sending.error();
    c = std::move(*sending);
  }
  c.to = *to;
  c.on_behalf = m.on_behalf;
  // Accepting starts the clock on the outcome (response standards' outcome_days).
  if (*to == core::Status::accepted) {
    auto standards = storage::SettingsRepository::response_standards(tx).standards;
    c.outcome_by = core::outcome_deadline(standards, current.category, current.urgency, now);
  }
  if (m.input.reason_code) c.reason_code = std::string(core::to_string(*m.input.reason_code));
  if (!m.input.reason.empty()) c.reason = m.input.reason;
  if (m.input.outcome_code) c.outcome_code = std::string(core::to_string(*m.input.outcome_code));
  if (!m.input.outcome.empty()) c.outcome = m.input.outcome;
  return c;
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

  const std::string action = move->on_behalf ? "referral.transition_on_behalf" : "referral.transition";
  auto apply = [ctx, actor = std::move(actor), id = std::move(id), version = *version.version,
                m = *move, action, &hub = app.events](storage::WriteTxn& tx) -> core::Result<Refusable<Moved>> {
    auto current = storage::ReferralRepository::find_for_update(tx, actor, id);
    if (!current) {
      storage::append_audit(tx, ctx.event(action, "referral", id, "not_found"));
      return Refusable<Moved>::refuse(current.error());
    }
    auto change = checked_change(tx, actor, *current, version, m, ctx.at);
    if (!change) {
      // Refused moves change nothing but leave their trace.
      storage::append_audit(tx, ctx.event(action, "referral", id, audit_outcome(change.error())));
      return Refusable<Moved>::refuse(change.error());
    }
    auto saved = storage::ReferralRepository::transition(tx, actor, *current, *change, ctx.at);
    if (!saved) return saved.error();
    storage::append_audit(tx, ctx.event(action, "referral", id));
    Moved out;
    if (change->to == core::Status::requested) out.tracking = on_referral_sent(tx, id, ctx.at);
    out.referral = std::move(*saved);
    out.history = storage::ReferralRepository::history(tx, out.referral);
    record_live_event(tx, hub, out.referral.from_org, out.referral.to_org, "referral.updated",
                      referral_event_data(id, out.referral.status, out.referral.version), ctx.at,
                      ctx.actor_user);
    return Refusable<Moved>{std::move(out), std::nullopt};
  };
  auto render = [now = req.now](const Refusable<Moved>& d) -> std::optional<Response> {
    if (d.refused) return std::nullopt;
    const Moved& m = *d.value;
    auto out = referral_json(m.referral, m.history, now);
    if (m.tracking) out["tracking"] = tracking_json(m.tracking->code, m.tracking->pin);
    return with_etag(json(200, out, true), m.referral.version);
  };
  auto job = keep_reply(req, std::move(apply), render);
  auto done = co_await db_write(app.db, std::move(job));
  if (!done) co_return problem(req, done.error());
  if (done->refused) co_return audited_refusal(req, *done->refused);
  co_return *render(*done);
}

asio::awaitable<Response> post_transition(Request& req) {
  co_return co_await as_referral_party(req, "referral.transition", transition_referral_as);
}

}  // namespace enlace::gateway
