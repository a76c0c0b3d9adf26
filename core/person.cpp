// Validation of a person's registration data.
#include "core/person.hpp"

#include "core/field_checks.hpp"

namespace enlace::core {

namespace {

constexpr Date kEarliestBirth = Date{std::chrono::year{1900} / 1 / 1};

bool is_phone_char(char c) {
  return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')';
}

// Digits, spaces, + - ( ) only: numbers are written many ways and we keep them as typed.
std::optional<std::string> check_phone(FieldErrors& errors, const std::string& path,
                                       const std::optional<std::string>& value) {
  auto phone = check_text(errors, path, value, {.required = false, .max_chars = kMaxPhoneChars});
  if (!phone || phone->empty()) return phone;
  bool has_digit = false;
  for (char c : *phone) {
    if (!is_phone_char(c)) {
      errors.add(path, "may hold only digits, spaces, +, - and parentheses");
      return std::nullopt;
    }
    if (c >= '0' && c <= '9') has_digit = true;
  }
  if (!has_digit) {
    errors.add(path, "must contain digits");
    return std::nullopt;
  }
  return phone;
}

std::optional<AgeBasis> check_age(FieldErrors& errors, const std::string& prefix,
                                  const PersonDraft& d, Date today) {
  const std::string path = prefix + ".birth_date";
  if (d.birth_date.has_value() == d.estimated_age.has_value()) {
    errors.add(path, d.birth_date ? "give birth_date or estimated_age, not both"
                                  : "give birth_date or estimated_age");
    return std::nullopt;
  }
  if (d.estimated_age) {
    if (*d.estimated_age < 0 || *d.estimated_age > kMaxEstimatedAge) {
      errors.add(prefix + ".estimated_age", "must be between 0 and 120");
      return std::nullopt;
    }
    return AgeBasis{std::nullopt, static_cast<int>(*d.estimated_age), today};
  }
  auto born = parse_date(*d.birth_date);
  if (!born) {
    errors.add(path, "must be a date (YYYY-MM-DD)");
    return std::nullopt;
  }
  if (*born > today) {
    errors.add(path, "is in the future");
    return std::nullopt;
  }
  if (*born < kEarliestBirth) {
    errors.add(path, "must not be before 1900");
    return std::nullopt;
  }
  return AgeBasis{*born, std::nullopt, {}};
}

}  // namespace

int AgeBasis::age_on(Date day) const {
  if (birth_date) return core::age_on(*birth_date, day);
  int elapsed = day > estimated_on ? core::age_on(estimated_on, day) : 0;
  return estimated_age.value_or(0) + elapsed;
}

std::optional<Person> check_person(FieldErrors& errors, const std::string& prefix,
                                   const PersonDraft& d, Date today) {
  const std::string p = prefix + ".";
  auto given = check_text(errors, p + "given_name", d.given_name,
                          {.required = true, .max_chars = kMaxNameChars});
  auto family = check_text(errors, p + "family_name", d.family_name,
                           {.required = false, .max_chars = kMaxNameChars});
  auto age = check_age(errors, prefix, d, today);

  std::optional<Sex> sex;
  if (!d.sex) errors.add(p + "sex", "is required");
  else if (!(sex = parse_sex(*d.sex))) errors.add(p + "sex", "must be female, male, other or unknown");

  std::optional<CountryCode> nationality;
  if (!d.nationality) errors.add(p + "nationality", "is required");
  else if (!(nationality = CountryCode::parse(*d.nationality)))
    errors.add(p + "nationality", "must be ISO 3166-1 alpha-2");

  auto languages = check_code_list<LanguageCode>(errors, p + "languages", d.languages,
                                                 LanguageCode::parse);

  std::optional<MigratoryStatus> status = MigratoryStatus::unknown;
  if (d.migratory_status && !(status = parse_migratory_status(*d.migratory_status)))
    errors.add(p + "migratory_status", "is not a known migratory status");

  auto phone = check_phone(errors, p + "phone", d.phone);

  if (!given || !family || !age || !sex || !nationality || !languages || !status || !phone)
    return std::nullopt;
  return Person{std::move(*given),     std::move(*family),    *age,   *sex,
                std::move(*nationality), std::move(*languages), *status, std::move(*phone)};
}

Result<Person> make_person(const PersonDraft& d, Date today) {
  FieldErrors errors;
  auto person = check_person(errors, "person", d, today);
  // Report everything at once: the caseworker fixes the form in one pass.
  if (!person) return Error::invalid(std::move(errors));
  return std::move(*person);
}

}  // namespace enlace::core
