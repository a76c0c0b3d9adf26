// Reviewing a vital-interest referral: see review_referral.hpp.
#include "core/use_cases/review_referral.hpp"

#include "core/access_policy.hpp"

namespace enlace::core {

Result<Refusable<ReferralSaved>> review_referral(const ReferralPorts& ports, const Actor& actor,
                                                 const std::string& id, Timestamp now) {
  using Out = Refusable<ReferralSaved>;
  if (!can_review_vital_interest(actor, actor.organization_id)) {
    ports.audit.record("referral.review", "referral", id, "denied");
    return Out::refuse(Error::forbidden("Only the organisation admin reviews."));
  }
  auto saved = ports.store.mark_reviewed(actor, id, now);
  if (!saved) {
    ports.audit.record("referral.review", "referral", id, audit_outcome(saved.error()));
    return Out::refuse(saved.error());
  }
  ports.audit.record("referral.review", "referral", id);
  ReferralSaved out;
  out.referral = std::move(*saved);
  out.history = ports.store.history(out.referral);
  return Out{std::move(out), std::nullopt};
}

}  // namespace enlace::core
