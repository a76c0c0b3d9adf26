// A person as the help desk registers them: the draft as typed and the checked Person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "core/country_code.hpp"
#include "core/language_code.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// As typed in the request body; nothing checked yet. Dates and codes stay strings so that a
// bad one is reported together with every other problem of the form.
struct PersonDraft {
  std::optional<std::string> given_name, family_name;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<std::int64_t> estimated_age;
  std::optional<std::string> sex, nationality, migratory_status, phone;
  std::optional<std::vector<std::string>> languages;
};

// A birth date, or an age estimated on a given day (so it can be aged later).
struct AgeBasis {
  std::optional<Date> birth_date;
  std::optional<int> estimated_age;
  Date estimated_on{};  // the registration day; meaningful only with estimated_age

  // Whole years on `day`; an estimate grows by the whole years since it was made.
  int age_on(Date day) const;
};

// Storage rebuilds this from its rows; from user input only make_person() builds one.
struct Person {
  std::string given_name;   // trimmed, 1..100 characters
  std::string family_name;  // trimmed, may be empty
  AgeBasis age;
  Sex sex = Sex::unknown;
  CountryCode nationality;
  std::vector<LanguageCode> languages;  // no duplicates
  MigratoryStatus migratory_status = MigratoryStatus::unknown;
  std::string phone;  // may be empty
};

inline constexpr std::size_t kMaxNameChars = 100;
inline constexpr std::size_t kMaxPhoneChars = 30;
inline constexpr int kMaxEstimatedAge = 120;

// Every problem is reported at once under "person.<field>" paths.
Result<Person> make_person(const PersonDraft& d, Date today);

// The same checks, adding to `errors` with the given prefix ("person"); for composite forms.
std::optional<Person> check_person(FieldErrors& errors, const std::string& prefix,
                                   const PersonDraft& d, Date today);

}  // namespace enlace::core
