// POST /referrals/{id}/review: the sending organisation's admin marks a referral sent under
// vital interest (without consent) as reviewed. One transaction on the ports.
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <string>

namespace enlace::core {

// Every outcome leaves a "referral.review" event: ok, or the refusal's word (not an org_admin
// of an organisation: denied; a referral they cannot see: not_found; the receiving side:
// denied; already reviewed or not under vital interest: conflict).
Result<Refusable<ReferralSaved>> review_referral(const ReferralPorts& ports, const Actor& actor,
                                                 const std::string& referral_id,
                                                 Timestamp now);

}  // namespace enlace::core
