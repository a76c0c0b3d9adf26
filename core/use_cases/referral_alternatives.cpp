// Alternatives after a rejection: see referral_alternatives.hpp.
#include "core/use_cases/referral_alternatives.hpp"

#include "core/access_policy.hpp"

namespace enlace::core {

Result<Refusable<std::vector<TargetService>>> referral_alternatives(
    const ReferralPorts& ports, const Actor& actor, const std::string& id) {
  using Services = std::vector<TargetService>;
  using Out = Refusable<Services>;
  auto found = ports.store.find_referral(actor, id);
  if (!found) {
    ports.audit.record("referral.alternatives", "referral", id, "not_found");
    return Out::refuse(found.error());
  }
  if (!found->sender_view || !can_act_as_sender(actor, found->from_org)) {
    ports.audit.record("referral.alternatives", "referral", id, "denied");
    return Out::refuse(Error::forbidden("Only the sending caseworkers see alternatives."));
  }
  auto the_case = ports.store.find_case(actor, *found->case_id);
  if (!the_case) return Out{Services{}, std::nullopt};  // purged case
  // Only what can take the person now, and never the organisation that turned them away.
  Services out;
  for (auto& s : ports.store.services_covering(found->category, the_case->territory_id))
    if (s.listing.accepting && s.listing.status == ServiceStatus::active &&
        s.listing.organization_id != found->to_org)
      out.push_back(std::move(s));
  return Out{std::move(out), std::nullopt};
}

}  // namespace enlace::core
