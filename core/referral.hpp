// A referral request as the sending caseworker makes it, checked before anything is shared.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "core/referral_status.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// As typed in POST /referrals; nothing checked yet.
struct ReferralDraft {
  std::optional<std::string> case_id, to_organization_id, service_id, category, urgency, reason;
  std::optional<std::vector<std::string>> shared_fields;
  std::optional<std::vector<std::string>> shared_needs;           // need categories
  std::optional<std::vector<std::string>> shared_specific_needs;  // specific need codes
  std::optional<std::string> respond_by;  // RFC 3339
  std::optional<std::string> status;      // "requested" (default) or "draft"
  std::optional<std::string> legal_basis;  // "consent" (default) or "vital_interest"
  std::optional<std::string> justification;
};

struct ReferralRequest {
  std::string case_id, to_organization_id;  // that they exist and are visible: storage's check
  std::optional<std::string> service_id;
  std::string category;
  Urgency urgency = Urgency::normal;
  std::string reason;
  std::vector<SharedField> shared_fields;  // as chosen, no duplicates
  // Which needs go with "needs" and "specific_needs" (no duplicates); nullopt: the default
  // (core::choose_needs). Given only when the field itself is shared.
  std::optional<std::vector<std::string>> shared_needs;
  std::optional<std::vector<SpecificNeed>> shared_specific_needs;
  std::optional<Timestamp> respond_by;     // none: the caller sets deadline() when requested
  Status status = Status::requested;       // draft or requested only
  LegalBasis legal_basis = LegalBasis::consent;
  std::string justification;  // non-empty only under vital_interest
};

inline constexpr std::size_t kMaxReferralReasonChars = 2000;
inline constexpr std::size_t kMinJustificationChars = 20;
inline constexpr std::size_t kMaxJustificationChars = 2000;

// Checks the whole form at once. vital_interest needs urgency emergency and a justification
// of at least 20 characters; a justification under consent is refused rather than stored.
Result<ReferralRequest> make_referral_request(const ReferralDraft& d,
                                              std::span<const std::string> known_categories,
                                              Timestamp now);

}  // namespace enlace::core
