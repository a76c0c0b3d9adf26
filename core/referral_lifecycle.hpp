// The referral lifecycle as a table: who may move a referral from which state to which, and
// what they must say when they do.
#pragma once

#include <optional>
#include <string>

#include "core/codes.hpp"
#include "core/referral_status.hpp"
#include "core/result.hpp"

namespace enlace::core {

enum class Side { sender, receiver };
std::string_view to_string(Side s);

// reason_code: a RejectionReason (and reason text when it is `other`);
// reason: free text; outcome: an OutcomeCode.
enum class Needs { nothing, reason, reason_code, outcome };

struct Transition {
  Status from, to;
  Side by;
  Needs needs;
};

// One row per arrow in PRODUCT.md. Anything not listed is refused. A change here needs the
// same change in the copy in tests/unit/core/referral_lifecycle_test.cpp.
inline constexpr Transition kTransitions[] = {
    {Status::draft,       Status::requested,   Side::sender,   Needs::nothing},
    {Status::requested,   Status::received,    Side::receiver, Needs::nothing},
    {Status::requested,   Status::accepted,    Side::receiver, Needs::nothing},
    {Status::received,    Status::accepted,    Side::receiver, Needs::nothing},
    {Status::requested,   Status::rejected,    Side::receiver, Needs::reason_code},
    {Status::received,    Status::rejected,    Side::receiver, Needs::reason_code},
    {Status::requested,   Status::cancelled,   Side::sender,   Needs::reason},
    {Status::received,    Status::cancelled,   Side::sender,   Needs::reason},
    {Status::accepted,    Status::cancelled,   Side::sender,   Needs::reason},
    {Status::accepted,    Status::in_progress, Side::receiver, Needs::nothing},
    {Status::in_progress, Status::on_hold,     Side::receiver, Needs::nothing},
    {Status::on_hold,     Status::in_progress, Side::receiver, Needs::nothing},
    {Status::accepted,    Status::completed,   Side::receiver, Needs::outcome},
    {Status::in_progress, Status::completed,   Side::receiver, Needs::outcome},
    {Status::on_hold,     Status::completed,   Side::receiver, Needs::outcome},
    {Status::accepted,    Status::failed,      Side::receiver, Needs::reason},
    {Status::in_progress, Status::failed,      Side::receiver, Needs::reason},
    {Status::on_hold,     Status::failed,      Side::receiver, Needs::reason},
};

// As typed in POST /referrals/{id}/transitions (besides "to"); nothing checked yet.
struct TransitionInputDraft {
  std::optional<std::string> reason_code, reason, outcome_code, outcome;
};

struct TransitionInput {
  std::optional<RejectionReason> reason_code;
  std::string reason;  // trimmed; empty when not given
  std::optional<OutcomeCode> outcome_code;
  std::string outcome;  // the receiver's outcome note; empty when not given
};

inline constexpr std::size_t kMaxTransitionTextChars = 2000;

// Spelling and length checks only; whether a field is needed depends on the row.
Result<TransitionInput> make_transition_input(const TransitionInputDraft& d);

// The row's target state, or Error::conflict("illegal-transition") when no row matches
// (from, to, by), or Error::invalid naming reason_code / reason / outcome_code when the row
// needs them, or when a code is given that the transition does not take.
Result<Status> check_transition(Status from, Status to, Side by, const TransitionInput& in);

// The row for (from, to, by), if any.
const Transition* find_transition(Status from, Status to, Side by);

}  // namespace enlace::core
