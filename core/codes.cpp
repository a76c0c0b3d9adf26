// Spellings of the API's coded values, all through the one table helper.
#include "core/codes.hpp"

namespace enlace::core {

std::string_view to_string(Sex v) { return code_name(kSexNames, v); }
std::string_view to_string(Urgency v) { return code_name(kUrgencyNames, v); }
std::string_view to_string(MigratoryStatus v) { return code_name(kMigratoryStatusNames, v); }
std::string_view to_string(SpecificNeed v) { return code_name(kSpecificNeedNames, v); }
std::string_view to_string(RejectionReason v) { return code_name(kRejectionReasonNames, v); }
std::string_view to_string(OutcomeCode v) { return code_name(kOutcomeCodeNames, v); }
std::string_view to_string(SharedField v) { return code_name(kSharedFieldNames, v); }
std::string_view to_string(LegalBasis v) { return code_name(kLegalBasisNames, v); }
std::string_view to_string(ConsentMethod v) { return code_name(kConsentMethodNames, v); }

std::optional<Sex> parse_sex(std::string_view s) { return parse_code(kSexNames, s); }
std::optional<Urgency> parse_urgency(std::string_view s) {
  return parse_code(kUrgencyNames, s);
}
std::optional<MigratoryStatus> parse_migratory_status(std::string_view s) {
  return parse_code(kMigratoryStatusNames, s);
}
std::optional<SpecificNeed> parse_specific_need(std::string_view s) {
  return parse_code(kSpecificNeedNames, s);
}
std::optional<RejectionReason> parse_rejection_reason(std::string_view s) {
  return parse_code(kRejectionReasonNames, s);
}
std::optional<OutcomeCode> parse_outcome_code(std::string_view s) {
  return parse_code(kOutcomeCodeNames, s);
}
std::optional<SharedField> parse_shared_field(std::string_view s) {
  return parse_code(kSharedFieldNames, s);
}
std::optional<LegalBasis> parse_legal_basis(std::string_view s) {
  return parse_code(kLegalBasisNames, s);
}
std::optional<ConsentMethod> parse_consent_method(std::string_view s) {
  return parse_code(kConsentMethodNames, s);
}

}  // namespace enlace::core
