// The coded values of the API (sex, urgency, statuses, reasons, fields) and their spellings.
#pragma once

#include <optional>
#include <string_view>

#include "core/code_table.hpp"

namespace enlace::core {

enum class Sex { female, male, other, unknown };
enum class Urgency { emergency, high, normal };
enum class MigratoryStatus {
  regular, irregular, asylum_seeker, refugee, in_transit, returnee, stateless, unknown
};
enum class SpecificNeed {
  disability, unaccompanied_child, separated_child, pregnancy, survivor_of_violence,
  survivor_of_trafficking, elderly, chronic_illness
};
enum class RejectionReason {
  no_capacity, not_eligible, outside_area, duplicate, unreachable, declined_by_person, other,
  no_response  // the system's alone: closed unanswered (expire_unanswered_after_hours)
};
enum class OutcomeCode { service_provided, partly_provided, not_provided };
enum class SharedField {
  given_name, family_name, birth_date, sex, nationality, languages, phone, needs, specific_needs
};
enum class LegalBasis { consent, vital_interest };
enum class ConsentMethod { verbal, written };

// The tables list every enumerator in declaration order, so tests and the OpenAPI document
// can enumerate the allowed values from one place.
inline constexpr CodeName<Sex> kSexNames[] = {
    {Sex::female, "female"}, {Sex::male, "male"}, {Sex::other, "other"},
    {Sex::unknown, "unknown"}};
inline constexpr CodeName<Urgency> kUrgencyNames[] = {
    {Urgency::emergency, "emergency"}, {Urgency::high, "high"}, {Urgency::normal, "normal"}};
inline constexpr CodeName<MigratoryStatus> kMigratoryStatusNames[] = {
    {MigratoryStatus::regular, "regular"},
    {MigratoryStatus::irregular, "irregular"},
    {MigratoryStatus::asylum_seeker, "asylum_seeker"},
    {MigratoryStatus::refugee, "refugee"},
    {MigratoryStatus::in_transit, "in_transit"},
    {MigratoryStatus::returnee, "returnee"},
    {MigratoryStatus::stateless, "stateless"},
    {MigratoryStatus::unknown, "unknown"}};
inline constexpr CodeName<SpecificNeed> kSpecificNeedNames[] = {
    {SpecificNeed::disability, "disability"},
    {SpecificNeed::unaccompanied_child, "unaccompanied_child"},
    {SpecificNeed::separated_child, "separated_child"},
    {SpecificNeed::pregnancy, "pregnancy"},
    {SpecificNeed::survivor_of_violence, "survivor_of_violence"},
    {SpecificNeed::survivor_of_trafficking, "survivor_of_trafficking"},
    {SpecificNeed::elderly, "elderly"},
    {SpecificNeed::chronic_illness, "chronic_illness"}};
inline constexpr CodeName<RejectionReason> kRejectionReasonNames[] = {
    {RejectionReason::no_capacity, "no_capacity"},
    {RejectionReason::not_eligible, "not_eligible"},
    {RejectionReason::outside_area, "outside_area"},
    {RejectionReason::duplicate, "duplicate"},
    {RejectionReason::unreachable, "unreachable"},
    {RejectionReason::declined_by_person, "declined_by_person"},
    {RejectionReason::other, "other"},
    {RejectionReason::no_response, "no_response"}};
inline constexpr CodeName<OutcomeCode> kOutcomeCodeNames[] = {
    {OutcomeCode::service_provided, "service_provided"},
    {OutcomeCode::partly_provided, "partly_provided"},
    {OutcomeCode::not_provided, "not_provided"}};
inline constexpr CodeName<SharedField> kSharedFieldNames[] = {
    {SharedField::given_name, "given_name"},   {SharedField::family_name, "family_name"},
    {SharedField::birth_date, "birth_date"},   {SharedField::sex, "sex"},
    {SharedField::nationality, "nationality"}, {SharedField::languages, "languages"},
    {SharedField::phone, "phone"},             {SharedField::needs, "needs"},
    {SharedField::specific_needs, "specific_needs"}};
inline constexpr CodeName<LegalBasis> kLegalBasisNames[] = {
    {LegalBasis::consent, "consent"}, {LegalBasis::vital_interest, "vital_interest"}};
inline constexpr CodeName<ConsentMethod> kConsentMethodNames[] = {
    {ConsentMethod::verbal, "verbal"}, {ConsentMethod::written, "written"}};

std::string_view to_string(Sex v);
std::string_view to_string(Urgency v);
std::string_view to_string(MigratoryStatus v);
std::string_view to_string(SpecificNeed v);
std::string_view to_string(RejectionReason v);
std::string_view to_string(OutcomeCode v);
std::string_view to_string(SharedField v);
std::string_view to_string(LegalBasis v);
std::string_view to_string(ConsentMethod v);

std::optional<Sex> parse_sex(std::string_view s);
std::optional<Urgency> parse_urgency(std::string_view s);
std::optional<MigratoryStatus> parse_migratory_status(std::string_view s);
std::optional<SpecificNeed> parse_specific_need(std::string_view s);
std::optional<RejectionReason> parse_rejection_reason(std::string_view s);
std::optional<OutcomeCode> parse_outcome_code(std::string_view s);
std::optional<SharedField> parse_shared_field(std::string_view s);
std::optional<LegalBasis> parse_legal_basis(std::string_view s);
std::optional<ConsentMethod> parse_consent_method(std::string_view s);

}  // namespace enlace::core
