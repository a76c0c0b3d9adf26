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

// Copies only the chosen fields. An estimated age is aged to `today` so the receiver sees the
// person's age now rather than at registration.
SharedSnapshot make_snapshot(const CaseFile& c, std::span<const SharedField> chosen, Date today);

}  // namespace enlace::core
