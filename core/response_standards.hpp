// How long a receiver has to respond, and how long an accepted referral may take to reach its
// outcome, per urgency and optionally per category.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/codes.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// As typed in PUT /settings/response-standards; keys are unchecked strings.
struct ResponseStandardsDraft {
  std::map<std::string, std::int64_t> hours;  // urgency -> hours; a missing urgency keeps its default
  std::map<std::string, std::map<std::string, std::int64_t>> by_category;  // category -> urgency -> hours
  // The same two shapes in days, for the outcome ("outcome_days", "outcome_days.by_category").
  std::map<std::string, std::int64_t> outcome_days;
  std::map<std::string, std::map<std::string, std::int64_t>> outcome_days_by_category;
};

struct ResponseStandards {
  std::map<Urgency, int> hours = {
      {Urgency::emergency, 4}, {Urgency::high, 24}, {Urgency::normal, 72}};
  std::map<std::string, std::map<Urgency, int>> by_category;  // overrides, possibly partial
  std::map<Urgency, int> outcome_days = {
      {Urgency::emergency, 3}, {Urgency::high, 14}, {Urgency::normal, 30}};
  std::map<std::string, std::map<Urgency, int>> outcome_days_by_category;
};

inline constexpr int kMinResponseHours = 1;
inline constexpr int kMaxResponseHours = 720;  // 30 days
inline constexpr int kMinOutcomeDays = 1;
inline constexpr int kMaxOutcomeDays = 365;

// Field paths "hours.high", "by_category.shelter", "by_category.shelter.emergency",
// "outcome_days.high", "outcome_days.by_category.shelter.normal".
Result<ResponseStandards> make_response_standards(const ResponseStandardsDraft& d,
                                                  std::span<const std::string> known_categories);

// The category's override if it has one for this urgency, else the urgency's hours.
int response_hours(const ResponseStandards& s, std::string_view category, Urgency urgency);

// The respond_by a referral gets when it is requested without one.
Timestamp deadline(const ResponseStandards& s, std::string_view category, Urgency urgency,
                   Timestamp requested_at);

// The category's outcome override if it has one for this urgency, else the urgency's days.
int outcome_days(const ResponseStandards& s, std::string_view category, Urgency urgency);

// The outcome_by a referral gets when it is accepted.
Timestamp outcome_deadline(const ResponseStandards& s, std::string_view category,
                           Urgency urgency, Timestamp accepted_at);

}  // namespace enlace::core
