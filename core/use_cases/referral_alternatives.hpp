// GET /referrals/{id}/alternatives: after a rejection, the other services that could take the
// person now. Read in the writer's transaction because a refusal leaves an audit event.
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <string>
#include <vector>

namespace enlace::core {

// Services of the referral's category covering the case's territory, active and accepting,
// never of the organisation that turned the person away; empty when the case was purged.
// Refusals leave a "referral.alternatives" event: a referral the actor cannot see
// (not_found), anyone but the sending caseworkers (denied).
Result<Refusable<std::vector<TargetService>>> referral_alternatives(
    const ReferralPorts& ports, const Actor& actor, const std::string& referral_id);

}  // namespace enlace::core
