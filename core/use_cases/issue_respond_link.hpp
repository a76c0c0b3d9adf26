// POST /referrals/{id}/respond-link: the sender makes a new link for an organisation without
// accounts, to hand over by phone or on paper; the old one stops working. One transaction.
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <optional>
#include <string>

namespace enlace::core {

struct RespondLinkIssued {
  std::string token;                    // shown once; stored only as a hash
  std::optional<Timestamp> expires_at;  // set once the referral ended
};

// Every outcome leaves a "referral.respond_link" event: ok, or the refusal's word (a referral
// the actor cannot see: not_found; not its sending caseworker: denied; a draft, or a referral
// ended more than 30 days ago: conflict; a receiver with accounts: invalid).
Result<Refusable<RespondLinkIssued>> issue_respond_link(const ReferralPorts& ports,
                                                        const Actor& actor,
                                                        const std::string& referral_id,
                                                        Timestamp now);

}  // namespace enlace::core
