// Response standards: validation and deadlines.
#include "core/response_standards.hpp"

#include <algorithm>
#include <optional>

namespace enlace::core {

namespace {

std::optional<int> check_hours(FieldErrors& errors, const std::string& path, std::int64_t h) {
  if (h < kMinResponseHours || h > kMaxResponseHours) {
    errors.add(path, "must be between 1 and 720 hours");
    return std::nullopt;
  }
  return static_cast<int>(h);
}

// Fills `out` from an urgency -> hours map typed by the user.
void check_urgency_hours(FieldErrors& errors, const std::string& prefix,
                         const std::map<std::string, std::int64_t>& in,
                         std::map<Urgency, int>& out) {
  for (const auto& [key, h] : in) {
    const std::string path = prefix + "." + key;
    auto urgency = parse_urgency(key);
    if (!urgency) {
      errors.add(path, "is not an urgency (emergency, high, normal)");
      continue;
    }
    if (auto hours = check_hours(errors, path, h)) out[*urgency] = *hours;
  }
}

}  // namespace

Result<ResponseStandards> make_response_standards(const ResponseStandardsDraft& d,
                                                  std::span<const std::string> known_categories) {
  FieldErrors errors;
  ResponseStandards s;
  check_urgency_hours(errors, "hours", d.hours, s.hours);
  for (const auto& [category, hours] : d.by_category) {
    const std::string path = "by_category." + category;
    if (std::find(known_categories.begin(), known_categories.end(), category) ==
        known_categories.end()) {
      errors.add(path, "is not a known category");
      continue;
    }
    std::map<Urgency, int> overrides;
    check_urgency_hours(errors, path, hours, overrides);
    if (!overrides.empty()) s.by_category[category] = std::move(overrides);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return s;
}

int response_hours(const ResponseStandards& s, std::string_view category, Urgency urgency) {
  if (auto c = s.by_category.find(std::string(category)); c != s.by_category.end())
    if (auto h = c->second.find(urgency); h != c->second.end()) return h->second;
  if (auto h = s.hours.find(urgency); h != s.hours.end()) return h->second;
  return ResponseStandards{}.hours.at(urgency);  // a hand-built struct missing a row
}

Timestamp deadline(const ResponseStandards& s, std::string_view category, Urgency urgency,
                   Timestamp requested_at) {
  return requested_at + std::chrono::hours{response_hours(s, category, urgency)};
}

}  // namespace enlace::core
