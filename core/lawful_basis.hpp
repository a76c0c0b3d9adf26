// On what ground a referral may share a case: a covering consent, or vital interest.
#pragma once

#include <span>
#include <string>

#include "core/codes.hpp"
#include "core/consent.hpp"
#include "core/referral.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

struct LawfulBasis {
  LegalBasis basis = LegalBasis::consent;
  std::string consent_id;  // the covering consent; empty under vital_interest
};

inline constexpr const char* kNoConsentMessage =
    "no active consent covers this organisation and category";

// Decided when the referral is sent (created as requested, or draft -> requested), since a
// draft shares nothing. Under consent, the first consent of the case that covers the
// receiving organisation and category at `now`; else 422 naming "consent".
// Under vital_interest (make_referral_request already demanded emergency and a justification)
// no consent is needed; the caller flags the case and lists it for the org admin's review.
Result<LawfulBasis> check_lawful_basis(const ReferralRequest& r,
                                       std::span<const Consent> case_consents, Timestamp now);

}  // namespace enlace::core
