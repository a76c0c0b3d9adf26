// The consent check of a referral.
#include "core/lawful_basis.hpp"

namespace enlace::core {

Result<LawfulBasis> check_lawful_basis(const ReferralRequest& r,
                                       std::span<const Consent> case_consents, Timestamp now) {
  if (r.legal_basis == LegalBasis::vital_interest)
    return LawfulBasis{LegalBasis::vital_interest, ""};
  for (const Consent& c : case_consents)
    if (covers(c, r.category, r.to_organization_id, now))
      return LawfulBasis{LegalBasis::consent, c.id};
  FieldErrors f;
  f.add("consent", kNoConsentMessage);
  return Error::invalid(std::move(f), "No active consent covers this organisation and category.");
}

}  // namespace enlace::core
