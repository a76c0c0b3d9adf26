// Moving a referral: see transition_referral.hpp.
#include "core/use_cases/transition_referral.hpp"

#include "core/access_policy.hpp"
#include "core/response_standards.hpp"
#include "core/use_cases/send_referral.hpp"

namespace enlace::core {

namespace {

// draft -> requested: the terms of sending, decided now from the case as it is now (as
// prepared before the write when that still holds).
Result<SendingTerms> sending_terms(SendingReads& store, const Actor& actor,
                                   const ReferralRecord& r, Timestamp now) {
  auto the_case = store.find_case(actor, *r.case_id);
  if (!the_case) return the_case.error();
  // The needs chosen with the draft, still on the case; a draft from before the choice was
  // stored gets the default.
  auto needs = r.needs_choice ? *r.needs_choice : default_needs_choice(the_case->file, r.category);
  return send_referral(store, *the_case,
                       {r.to_org, r.category, r.urgency, r.legal_basis, r.shared_fields,
                        std::move(needs), r.respond_by},
                       now);
}

Result<TransitionChange> sending_change(ReferralStore& store, const Actor& actor,
                                        const ReferralRecord& r, Timestamp now,
                                        const PreparedSending* prepared) {
  const bool ready = prepared && prepared->draft_version == r.version &&
                     prepared_still_holds(store, actor, *prepared, *r.case_id);
  auto terms = ready ? Result<SendingTerms>(prepared->terms) : sending_terms(store, actor, r, now);
  if (!terms) return terms.error();
  TransitionChange c;
  c.consent_id = std::move(terms->consent_id);
  c.snapshot = std::move(terms->snapshot);
  c.respond_by = terms->respond_by;
  return c;
}

Result<TransitionChange> checked_change(ReferralStore& store, const Actor& actor,
                                        const ReferralRecord& current,
                                        const TransitionRequest& m, Timestamp now,
                                        const PreparedSending* prepared) {
  std::optional<Side> side;
  if (m.on_behalf) {
    if (!can_act_as_sender(actor, current.from_org))
      return Error::forbidden("Only the sending caseworkers record on behalf of the receiver.");
    if (!store.has_external_receiver(current.id))
      return Error::invalid_field("on_behalf",
                                  "is only for referrals to an organisation without accounts");
    side = Side::receiver;
  } else {
    side = acting_side(actor, current.from_org, current.to_org, current.status, m.to);
  }
  // A sending org_admin can read a referral but moves it on neither side.
  if (!side) return Error::forbidden("You cannot act on this referral.");
  if (current.version != m.version) return Error::stale();
  auto to = check_transition(current.status, m.to, *side, m.input);
  if (!to) return to.error();
  TransitionChange c;
  if (*to == Status::requested) {
    auto sending = sending_change(store, actor, current, now, prepared);
    if (!sending) return sending.error();
    c = std::move(*sending);
  }
  c.to = *to;
  c.on_behalf = m.on_behalf;
  // Accepting starts the clock on the outcome (response standards' outcome_days).
  if (*to == Status::accepted)
    c.outcome_by = outcome_deadline(store.response_standards(), current.category,
                                    current.urgency, now);
  if (m.input.reason_code) c.reason_code = std::string(to_string(*m.input.reason_code));
  if (!m.input.reason.empty()) c.reason = m.input.reason;
  if (m.input.outcome_code) c.outcome_code = std::string(to_string(*m.input.outcome_code));
  if (!m.input.outcome.empty()) c.outcome = m.input.outcome;
  return c;
}

}  // namespace

std::string transition_action(const TransitionRequest& r) {
  return r.on_behalf ? "referral.transition_on_behalf" : "referral.transition";
}

std::optional<PreparedSending> prepare_transition(SendingReads& reads, const Actor& actor,
                                                  const TransitionRequest& request,
                                                  Timestamp now) {
  if (request.to != Status::requested || request.on_behalf) return std::nullopt;
  auto current = reads.find_referral(actor, request.referral_id);
  if (!current || current->status != Status::draft || !current->case_id ||
      current->version != request.version)
    return std::nullopt;
  auto terms = sending_terms(reads, actor, *current, now);
  if (!terms) return std::nullopt;
  auto basis = reads.sending_basis(actor, *current->case_id);
  if (!basis) return std::nullopt;
  return PreparedSending{*current->case_id, std::move(*basis), current->version, {},
                         std::move(*terms)};
}

Result<Refusable<ReferralSaved>> transition_referral(const ReferralPorts& ports,
                                                     const Actor& actor,
                                                     const TransitionRequest& request,
                                                     Timestamp now,
                                                     const PreparedSending* prepared) {
  using Out = Refusable<ReferralSaved>;
  ReferralStore& store = ports.store;
  const std::string action = transition_action(request);
  const std::string& id = request.referral_id;
  auto current = store.find_referral(actor, id);
  if (!current) {
    ports.audit.record(action, "referral", id, "not_found");
    return Out::refuse(current.error());
  }
  auto change = checked_change(store, actor, *current, request, now, prepared);
  if (!change) {
    // Refused moves change nothing but leave their trace.
    ports.audit.record(action, "referral", id, audit_outcome(change.error()));
    return Out::refuse(change.error());
  }
  auto saved = store.update_status(actor, *current, *change, now);
  if (!saved) return saved.error();
  ports.audit.record(action, "referral", id);
  ReferralSaved out;
  if (change->to == Status::requested) out.tracking = ports.notices.referral_sent(id, now);
  out.referral = std::move(*saved);
  out.history = store.history(out.referral);
  ports.notices.referral_changed({"referral.updated", id, out.referral.from_org,
                                  out.referral.to_org, out.referral.status,
                                  out.referral.version},
                                 now, actor.user_id);
  return Out{std::move(out), std::nullopt};
}

}  // namespace enlace::core
