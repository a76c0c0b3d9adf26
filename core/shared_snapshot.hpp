// The shared snapshot: the only part of a case a receiving organisation ever sees.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/case_file.hpp"
#include "core/codes.hpp"
#include "core/country_code.hpp"
#include "core/language_code.hpp"
#include "core/referral.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// A field is set only when it was chosen (and the case has a value for it); the gateway
// encodes set fields and omits the rest. `fields` lists what was chosen, in API order,
// for the person's disclosure report.
struct SharedSnapshot {
  std::vector<SharedField> fields;
  std::optional<std::string> given_name, family_name;
  std::optional<Date> birth_date;     // "birth_date" chosen and the date is known
  std::optional<int> estimated_age;   // "birth_date" chosen and only an estimate is known
  std::optional<Sex> sex;
  std::optional<CountryCode> nationality;
  std::optional<std::vector<LanguageCode>> languages;
  std::optional<std::string> phone;   // unset when the case has no phone
  std::optional<std::vector<Need>> needs;
  std::optional<std::vector<SpecificNeed>> specific_needs;
};

// Which of the case's needs travel with the "needs" and "specific_needs" fields: data
// minimisation within a field (an employment referral carries no survivor-of-violence note).
struct NeedsChoice {
  std::vector<std::string> needs;            // need categories
  std::vector<SpecificNeed> specific_needs;
};

// The default when the caseworker chose nothing: the case's need of the referral's category
// (none when the case has no such need), and no specific need at all, because those codes
// are the most sensitive the case holds and only a deliberate choice should send one.
NeedsChoice default_needs_choice(const CaseFile& c, const std::string& category);

// The choice for a new referral: what the request names (each must be on the case: 422
// naming shared_needs[i] or shared_specific_needs[i]) or the default; empty for a field that
// is not shared.
Result<NeedsChoice> choose_needs(const CaseFile& c, const ReferralRequest& r);

// Copies only the chosen fields, and of "needs" and "specific_needs" only the chosen entries
// still on the case. An estimated age is aged to `today` so the receiver sees the person's
// age now rather than at registration.
SharedSnapshot make_snapshot(const CaseFile& c, std::span<const SharedField> chosen,
                             const NeedsChoice& needs, Date today);

}  // namespace enlace::core
