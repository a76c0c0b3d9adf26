// The five age groups of the gap report and how a person's age on a given day is found.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace enlace::core {

// Enumerators spell the API strings "0-4", "5-11", "12-17", "18-59", "60+" through to_string.
enum class AgeGroup { age_0_4, age_5_11, age_12_17, age_18_59, age_60_plus };

inline constexpr AgeGroup kAllAgeGroups[] = {AgeGroup::age_0_4, AgeGroup::age_5_11,
                                             AgeGroup::age_12_17, AgeGroup::age_18_59,
                                             AgeGroup::age_60_plus};

std::string_view to_string(AgeGroup g);
std::optional<AgeGroup> parse_age_group(std::string_view s);

// A negative age (a need dated before the recorded birth) is a data error upstream; it falls
// into 0-4 rather than dropping the need, so demand totals stay complete.
AgeGroup age_group_for(int age);

// Age on `day` of someone whose age was estimated as `estimated_age` on `recorded_on`:
// the estimate plus the whole years elapsed since it was recorded.
int estimated_age_on(int estimated_age, Date recorded_on, Date day);

// A person's age as the help desk recorded it: a birth date, or an estimate and its date.
struct AgeEvidence {
  std::optional<Date> birth_date;
  std::optional<int> estimated_age;
  Date estimated_on{};  // the day the estimate was recorded (usually registration)
};

// The group on `day` (the need's date). Nothing recorded gives nullopt: the report counts
// such needs in the totals but in no age group.
std::optional<AgeGroup> age_group_on(const AgeEvidence& e, Date day);

}  // namespace enlace::core
