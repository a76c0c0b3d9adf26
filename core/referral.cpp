// Validation of a new referral.
#include "core/referral.hpp"

#include <algorithm>

#include "core/field_checks.hpp"
#include "core/text_checks.hpp"

namespace enlace::core {

namespace {

std::optional<Status> check_initial_status(FieldErrors& errors,
                                           const std::optional<std::string>& in) {
  if (!in) return Status::requested;
  auto s = parse_status(*in);
  if (s != Status::requested && s != Status::draft) {
    errors.add("status", "must be requested or draft");
    return std::nullopt;
  }
  return s;
}

std::optional<std::optional<Timestamp>> check_respond_by(FieldErrors& errors,
                                                         const std::optional<std::string>& in,
                                                         Timestamp now) {
  if (!in) return std::optional<Timestamp>{};
  auto t = parse_timestamp(*in);
  if (!t) errors.add("respond_by", "must be an RFC 3339 timestamp");
  else if (*t <= now) errors.add("respond_by", "must be in the future");
  else return std::optional<Timestamp>{*t};
  return std::nullopt;
}

}  // namespace

Result<ReferralRequest> make_referral_request(const ReferralDraft& d,
                                              std::span<const std::string> known_categories,
                                              Timestamp now) {
  FieldErrors errors;
  auto case_id = check_text(errors, "case_id", d.case_id, {.required = true});
  auto to_org = check_text(errors, "to_organization_id", d.to_organization_id, {.required = true});
  auto service_id = check_text(errors, "service_id", d.service_id, {});
  auto category = check_text(errors, "category", d.category, {.required = true});
  if (category && std::find(known_categories.begin(), known_categories.end(), *category) ==
                      known_categories.end()) {
    errors.add("category", "is not a known category");
    category.reset();
  }
  std::optional<Urgency> urgency;
  if (!d.urgency) errors.add("urgency", "is required");
  else if (!(urgency = parse_urgency(*d.urgency)))
    errors.add("urgency", "must be emergency, high or normal");
  auto reason = check_text(errors, "reason", d.reason,
                           {.required = true, .max_chars = kMaxReferralReasonChars,
                            .multiline = true});
  auto shared = check_code_list<SharedField>(errors, "shared_fields", d.shared_fields,
                                             parse_shared_field);
  auto shared_needs = check_code_list<std::string>(
      errors, "shared_needs", d.shared_needs, [&](const std::string& c) -> std::optional<std::string> {
        if (std::find(known_categories.begin(), known_categories.end(), c) == known_categories.end())
          return std::nullopt;
        return c;
      });
  auto shared_specific = check_code_list<SpecificNeed>(errors, "shared_specific_needs",
                                                       d.shared_specific_needs, parse_specific_need);
  // A choice of needs for a field that is not shared is a contradiction, not a no-op: the
  // caseworker meant to send something that would not go.
  auto shares = [&](SharedField f) {
    return shared && std::find(shared->begin(), shared->end(), f) != shared->end();
  };
  if (d.shared_needs && !d.shared_needs->empty() && shared && !shares(SharedField::needs))
    errors.add("shared_needs", "applies only when shared_fields includes needs");
  if (d.shared_specific_needs && !d.shared_specific_needs->empty() && shared &&
      !shares(SharedField::specific_needs))
    errors.add("shared_specific_needs", "applies only when shared_fields includes specific_needs");
  auto respond_by = check_respond_by(errors, d.respond_by, now);
  auto status = check_initial_status(errors, d.status);

  std::optional<LegalBasis> basis = LegalBasis::consent;
  if (d.legal_basis && !(basis = parse_legal_basis(*d.legal_basis)))
    errors.add("legal_basis", "must be consent or vital_interest");
  auto justification = check_text(errors, "justification", d.justification,
                                   {.max_chars = kMaxJustificationChars, .multiline = true});
  // Vital interest overrides the person's choice, so it is kept for emergencies and must be
  // explained in enough words for the organisation admin's review.
  if (basis == LegalBasis::vital_interest) {
    if (urgency && *urgency != Urgency::emergency)
      errors.add("legal_basis", "vital_interest is only for emergency referrals");
    if (justification && char_count(*justification) < kMinJustificationChars)
      errors.add("justification", "must explain the vital interest in at least 20 characters");
  } else if (basis && justification && !justification->empty()) {
    errors.add("justification", "applies only to vital_interest");
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));

  ReferralRequest r;
  r.case_id = std::move(*case_id);
  r.to_organization_id = std::move(*to_org);
  if (!service_id->empty()) r.service_id = std::move(*service_id);
  r.category = std::move(*category);
  r.urgency = *urgency;
  r.reason = std::move(*reason);
  r.shared_fields = std::move(*shared);
  if (d.shared_needs) r.shared_needs = std::move(*shared_needs);
  if (d.shared_specific_needs) r.shared_specific_needs = std::move(*shared_specific);
  r.respond_by = *respond_by;
  r.status = *status;
  r.legal_basis = *basis;
  r.justification = std::move(*justification);
  return r;
}

}  // namespace enlace::core
