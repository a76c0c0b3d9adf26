// GET /referrals/{id} (and FHIR's Task, and the respond link's page): one referral as the
// actor sees it, with its history. An audited read of personal data, in a write so that the
// event is durable before the reply; it never changes the referral (a read is not "received").
#pragma once

#include "core/referral_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

struct ReferralRead {
  ReferralRecord referral;
  std::vector<HistoryEntry> history;
  std::optional<std::string> tracking_code;  // the sender's view only
};

// "referral.read": ok, or not_found (a refusal) for a referral the actor's side may not see.
Result<Refusable<ReferralRead>> read_referral(const ReferralPorts& ports, const Actor& actor,
                                              const std::string& referral_id);

}  // namespace enlace::core
