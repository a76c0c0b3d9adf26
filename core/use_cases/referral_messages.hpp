// GET/POST /referrals/{id}/messages (and the respond link's): the thread between the two sides
// of a referral. One transaction on the ports each.
#pragma once

#include "core/referral_message.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// A page of the thread, oldest first after `after_seq`. Reading it is an audited read of
// personal data: "referral.messages.read", ok, or not_found (a refusal) for a referral the
// actor cannot see, a third organisation included.
Result<Refusable<std::vector<MessageRecord>>> read_referral_messages(
    const ReferralPorts& ports, const Actor& actor, const std::string& referral_id,
    std::int64_t after_seq, int limit);

// `body` already checked (core::check_text). Leaves a "referral.message" event on the new
// message, and a live event to both sides (the sender's alone while a draft); a referral the
// actor cannot see is refused, audited not_found on the referral.
Result<Refusable<MessageRecord>> post_referral_message(const ReferralPorts& ports,
                                                       const Actor& actor,
                                                       const std::string& referral_id,
                                                       const std::string& message_id,
                                                       const std::string& body, Timestamp now);

}  // namespace enlace::core
