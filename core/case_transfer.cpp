// The transfer rule: see case_transfer.hpp.
#include "core/case_transfer.hpp"

#include "core/field_checks.hpp"

namespace enlace::core {

Result<TransferRequest> make_transfer_request(const std::optional<std::string>& to_organization_id,
                                              const std::optional<std::string>& reason) {
  FieldErrors errors;
  if (!to_organization_id || to_organization_id->empty())
    errors.add("to_organization_id", "is required");
  auto text = check_text(errors, "reason", reason, {.required = true, .max_chars = 1000, .multiline = true});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return TransferRequest{*to_organization_id, *text};
}

Result<std::string> check_transfer(std::string_view case_organization_id, CaseStatus status,
                                   const TransferRequest& request,
                                   std::span<const Consent> case_consents, Timestamp now) {
  if (request.to_organization_id == case_organization_id)
    return Error::invalid_field("to_organization_id", "is the case's organisation already");
  if (status == CaseStatus::closed)
    return Error::conflict("case-closed", "A closed case cannot be transferred.");
  for (const Consent& c : case_consents)
    if (covers(c, kCaseTransferScope, request.to_organization_id, now)) return c.id;
  FieldErrors f;
  f.add("consent", kNoTransferConsentMessage);
  return Error::invalid(std::move(f), "No active consent covers the transfer of the case.");
}

}  // namespace enlace::core
