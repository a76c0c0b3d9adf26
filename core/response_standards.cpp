// Response standards: validation and deadlines.
#include "core/response_standards.hpp"

#include <algorithm>
#include <optional>

namespace enlace::core {

namespace {

// The bounds of one kind of figure: response hours or outcome days.
struct Span {
  int min, max;
  const char* message;
};
constexpr Span kHours{kMinResponseHours, kMaxResponseHours, "must be between 1 and 720 hours"};
constexpr Span kDays{kMinOutcomeDays, kMaxOutcomeDays, "must be between 1 and 365 days"};

// Fills `out` from an urgency -> figure map typed by the user.
void check_urgency_map(FieldErrors& errors, const std::string& prefix,
                       const std::map<std::string, std::int64_t>& in, const Span& span,
                       std::map<Urgency, int>& out) {
  for (const auto& [key, v] : in) {
    const std::string path = prefix + "." + key;
    auto urgency = parse_urgency(key);
    if (!urgency) {
      errors.add(path, "is not an urgency (emergency, high, normal)");
      continue;
    }
    if (v < span.min || v > span.max) errors.add(path, span.message);
    else out[*urgency] = static_cast<int>(v);
  }
}

// Per-category overrides: only known categories, each an urgency -> figure map.
void check_by_category(FieldErrors& errors, const std::string& prefix,
                       const std::map<std::string, std::map<std::string, std::int64_t>>& in,
                       std::span<const std::string> known_categories, const Span& span,
                       std::map<std::string, std::map<Urgency, int>>& out) {
  for (const auto& [category, figures] : in) {
    const std::string path = prefix + "." + category;
    if (std::find(known_categories.begin(), known_categories.end(), category) ==
        known_categories.end()) {
      errors.add(path, "is not a known category");
      continue;
    }
    std::map<Urgency, int> overrides;
    check_urgency_map(errors, path, figures, span, overrides);
    if (!overrides.empty()) out[category] = std::move(overrides);
  }
}

// The category's figure for this urgency if it overrides it, else the urgency's.
int figure(const std::map<Urgency, int>& base,
           const std::map<std::string, std::map<Urgency, int>>& by_category,
           const std::map<Urgency, int>& defaults, std::string_view category, Urgency urgency) {
  if (auto c = by_category.find(std::string(category)); c != by_category.end())
    if (auto v = c->second.find(urgency); v != c->second.end()) return v->second;
  if (auto v = base.find(urgency); v != base.end()) return v->second;
  return defaults.at(urgency);  // a hand-built struct missing a row
}

}  // namespace

Result<ResponseStandards> make_response_standards(const ResponseStandardsDraft& d,
                                                  std::span<const std::string> known_categories) {
  FieldErrors errors;
  ResponseStandards s;
  check_urgency_map(errors, "hours", d.hours, kHours, s.hours);
  check_by_category(errors, "by_category", d.by_category, known_categories, kHours,
                    s.by_category);
  check_urgency_map(errors, "outcome_days", d.outcome_days, kDays, s.outcome_days);
  check_by_category(errors, "outcome_days.by_category", d.outcome_days_by_category,
                    known_categories, kDays, s.outcome_days_by_category);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return s;
}

int response_hours(const ResponseStandards& s, std::string_view category, Urgency urgency) {
  return figure(s.hours, s.by_category, ResponseStandards{}.hours, category, urgency);
}

int outcome_days(const ResponseStandards& s, std::string_view category, Urgency urgency) {
  return figure(s.outcome_days, s.outcome_days_by_category, ResponseStandards{}.outcome_days,
                category, urgency);
}

Timestamp outcome_deadline(const ResponseStandards& s, std::string_view category,
                           Urgency urgency, Timestamp accepted_at) {
  return accepted_at + std::chrono::hours{24 * outcome_days(s, category, urgency)};
}

Timestamp deadline(const ResponseStandards& s, std::string_view category, Urgency urgency,
                   Timestamp requested_at) {
  return requested_at + std::chrono::hours{response_hours(s, category, urgency)};
}

}  // namespace enlace::core
