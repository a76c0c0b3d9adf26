// POST /referrals/{id}/transitions (and the respond link's, as the external receiver): moves a
// referral along the lifecycle table (core/referral_lifecycle.hpp) on the caller's side, at
// the version the caller read. draft -> requested sends the draft through send_referral.hpp.
// One transaction on the ports.
#pragma once

#include "core/referral_lifecycle.hpp"
#include "core/referral_status.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/send_referral.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

struct TransitionRequest {
  std::string referral_id;
  std::int64_t version = 0;  // If-Match
  Status to = Status::requested;
  TransitionInput input;
  // The sender records what an organisation without accounts answered (by phone, on paper).
  bool on_behalf = false;
};

// The audit action: "referral.transition", or "referral.transition_on_behalf".
std::string transition_action(const TransitionRequest& r);

// Every refusal leaves an event under transition_action, outcome audit_outcome(error), and
// changes nothing else: a referral the actor cannot see (404), no side to act on, or on
// behalf without being the sender or of a receiver with accounts (403 / 422), a stale version
// (412), a move the table does not have (409) or without what its row needs (422), and, when
// sending a draft, a closed or unseen case or no covering consent.
// `prepared`: a draft's sending decided before the write (prepare_transition); used only
// while it still holds (send_referral.hpp), so the outcome is the same with it or without.
Result<Refusable<ReferralSaved>> transition_referral(const ReferralPorts& ports,
                                                     const Actor& actor,
                                                     const TransitionRequest& request,
                                                     Timestamp now,
                                                     const PreparedSending* prepared = nullptr);

// Sending a draft decided on a read snapshot, before the write: nullopt unless the move sends
// a draft the actor sees and nothing would refuse sending it now.
std::optional<PreparedSending> prepare_transition(SendingReads& reads, const Actor& actor,
                                                  const TransitionRequest& request,
                                                  Timestamp now);

}  // namespace enlace::core
