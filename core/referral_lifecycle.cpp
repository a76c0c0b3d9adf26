// Transition checks against kTransitions.
#include "core/referral_lifecycle.hpp"

#include "core/field_checks.hpp"

namespace enlace::core {

namespace {

Error illegal(Status from, Status to, Side by) {
  std::string detail = "A referral cannot go from " + std::string(to_string(from)) + " to " +
                       std::string(to_string(to)) + ".";
  Side other = by == Side::sender ? Side::receiver : Side::sender;
  if (find_transition(from, to, other))
    detail = "Only the " + std::string(to_string(other)) + " can move a referral from " +
             std::string(to_string(from)) + " to " + std::string(to_string(to)) + ".";
  return Error::conflict("illegal-transition", std::move(detail));
}

}  // namespace

std::string_view to_string(Side s) { return s == Side::sender ? "sender" : "receiver"; }

const Transition* find_transition(Status from, Status to, Side by) {
  for (const Transition& t : kTransitions)
    if (t.from == from && t.to == to && t.by == by) return &t;
  return nullptr;
}

Result<TransitionInput> make_transition_input(const TransitionInputDraft& d) {
  FieldErrors errors;
  TransitionInput in;
  if (d.reason_code && !(in.reason_code = parse_rejection_reason(*d.reason_code)))
    errors.add("reason_code", "is not a known rejection reason");
  else if (in.reason_code == RejectionReason::no_response)
    errors.add("reason_code", "no_response is set only by the system, when nobody answered");
  if (d.outcome_code && !(in.outcome_code = parse_outcome_code(*d.outcome_code)))
    errors.add("outcome_code", "must be service_provided, partly_provided or not_provided");
  TextRule text{.max_chars = kMaxTransitionTextChars, .multiline = true};
  auto reason = check_text(errors, "reason", d.reason, text);
  auto outcome = check_text(errors, "outcome", d.outcome, text);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  in.reason = std::move(*reason);
  in.outcome = std::move(*outcome);
  return in;
}

Result<Status> check_transition(Status from, Status to, Side by, const TransitionInput& in) {
  const Transition* row = find_transition(from, to, by);
  if (!row) return illegal(from, to, by);

  FieldErrors errors;
  // Codes feed the gap report; a stray one on the wrong transition would be counted wrongly.
  if (in.reason_code && row->needs != Needs::reason_code)
    errors.add("reason_code", "does not apply to this transition");
  const bool ends_service = to == Status::completed || to == Status::failed;
  if (in.outcome_code && !ends_service)
    errors.add("outcome_code", "does not apply to this transition");
  if (!in.outcome.empty() && !ends_service)
    errors.add("outcome", "does not apply to this transition");

  switch (row->needs) {
    case Needs::nothing:
      break;
    case Needs::reason:
      if (in.reason.empty()) errors.add("reason", "is required");
      break;
    case Needs::reason_code:
      if (!in.reason_code) errors.add("reason_code", "is required");
      else if (*in.reason_code == RejectionReason::other && in.reason.empty())
        errors.add("reason", "is required when reason_code is other");
      break;
    case Needs::outcome:
      if (!in.outcome_code) errors.add("outcome_code", "is required");
      break;
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return row->to;
}

}  // namespace enlace::core
