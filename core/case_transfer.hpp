// Handing a case to another organisation (POST /cases/{id}/transfer): the rule that decides
// whether it may go, before storage moves it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/case_file.hpp"
#include "core/consent.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

inline constexpr const char* kNoTransferConsentMessage =
    "no active consent covers the transfer of the case to this organisation";

// A transfer needs an active consent that names the receiving organisation and lists
// kCaseTransferScope (core/consent.hpp) among its categories.
struct TransferRequest {
  std::string to_organization_id;
  std::string reason;  // 1..1000 characters, trimmed
};

// A case handed to another organisation: both sides, as the audit records them.
struct CaseTransferred {
  std::string case_id, from_organization_id, to_organization_id, consent_id;
};

// Checks the body's fields: 422 naming `to_organization_id` or `reason`.
Result<TransferRequest> make_transfer_request(const std::optional<std::string>& to_organization_id,
                                              const std::optional<std::string>& reason);

// The id of the first consent of the case that covers the move at `now`. 422 naming
// `to_organization_id` when it is the case's own organisation; 409 "case-closed" for a closed
// case; 422 naming "consent" when no consent covers it.
Result<std::string> check_transfer(std::string_view case_organization_id, CaseStatus status,
                                   const TransferRequest& request,
                                   std::span<const Consent> case_consents, Timestamp now);

}  // namespace enlace::core
