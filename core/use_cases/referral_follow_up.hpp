// The scheduled follow-up of referrals (API.md, "No referral goes quiet"), one chunk per call
// and per write transaction, so that other writes run between chunks however many fell due at
// once: the leader's scanner (gateway/live_events.hpp) calls them until a chunk comes back
// short, expiry first, so that a referral closed now gets no overdue notice besides.
#pragma once

#include "core/follow_up.hpp"
#include "core/ports/follow_up_store.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstddef>

namespace enlace::core {

struct FollowUpPorts {
  FollowUpStore& store;
  SystemAuditTrail& audit;
  ReferralNotices& notices;
};

// Closes up to `limit` referrals left unanswered rules.expire_after past their respond_by as
// rejected/no_response: each a "referral.expire" event in the receiving organisation's name
// (whose answer was missing) and a "referral.updated" live event to both sides (as for a
// rejection: the sender's UI then offers the alternatives). Nothing when rules.expire_after
// is unset. Returns how many.
Result<std::size_t> expire_unanswered_referrals(const FollowUpPorts& ports,
                                                const FollowUpRules& rules, Timestamp now,
                                                int limit);

// Takes up to `limit` overdue notices that are due and sends each as a "referral.overdue"
// live event to both sides. Returns how many.
Result<std::size_t> send_overdue_notices(const FollowUpPorts& ports, const FollowUpRules& rules,
                                         Timestamp now, int limit);

}  // namespace enlace::core
