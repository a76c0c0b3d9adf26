// Age groups for disaggregation: fixed bounds from PRODUCT.md.
#include "core/age_group.hpp"

namespace enlace::core {

namespace {
struct AgeGroupName {
  AgeGroup group;
  std::string_view name;
};
constexpr AgeGroupName kNames[] = {{AgeGroup::age_0_4, "0-4"},
                                   {AgeGroup::age_5_11, "5-11"},
                                   {AgeGroup::age_12_17, "12-17"},
                                   {AgeGroup::age_18_59, "18-59"},
                                   {AgeGroup::age_60_plus, "60+"}};
}  // namespace

std::string_view to_string(AgeGroup g) {
  for (const auto& n : kNames)
    if (n.group == g) return n.name;
  return {};
}

std::optional<AgeGroup> parse_age_group(std::string_view s) {
  for (const auto& n : kNames)
    if (n.name == s) return n.group;
  return std::nullopt;
}

AgeGroup age_group_for(int age) {
  if (age < 5) return AgeGroup::age_0_4;
  if (age < 12) return AgeGroup::age_5_11;
  if (age < 18) return AgeGroup::age_12_17;
  if (age < 60) return AgeGroup::age_18_59;
  return AgeGroup::age_60_plus;
}

int estimated_age_on(int estimated_age, Date recorded_on, Date day) {
  // age_on counts whole years exactly as for a birth date, anniversaries included.
  return estimated_age + age_on(recorded_on, day);
}

std::optional<AgeGroup> age_group_on(const AgeEvidence& e, Date day) {
  // A birth date is the better evidence when both are present.
  if (e.birth_date) return age_group_for(age_on(*e.birth_date, day));
  if (e.estimated_age) return age_group_for(estimated_age_on(*e.estimated_age, e.estimated_on, day));
  return std::nullopt;
}

}  // namespace enlace::core
