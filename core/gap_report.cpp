// Validation of the gap report query and small helpers over the raw report model.
#include "core/gap_report.hpp"

#include "core/disclosure_control.hpp"

#include <utility>

namespace enlace::core {

namespace {
constexpr std::pair<Disaggregation, std::string_view> kDisaggregationNames[] = {
    {Disaggregation::sex, "sex"},
    {Disaggregation::age_group, "age_group"},
    {Disaggregation::nationality, "nationality"}};

// Ids and category codes are opaque here; this only keeps junk out of SQL parameters
// and logs. The length bound is generous for UUIDs and slugs alike.
bool is_code_shaped(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

std::string_view to_string(Disaggregation d) {
  for (const auto& [value, name] : kDisaggregationNames)
    if (value == d) return name;
  return {};
}

std::optional<Disaggregation> parse_disaggregation(std::string_view s) {
  for (const auto& [value, name] : kDisaggregationNames)
    if (name == s) return value;
  return std::nullopt;
}

Result<GapQuery> make_gap_query(const GapQueryDraft& d, Date today) {
  FieldErrors errors;
  std::optional<Date> from, to;
  if (d.from) {
    from = parse_date(*d.from);
    if (!from) errors.add("from", "must be a date YYYY-MM-DD");
  }
  if (d.to) {
    to = parse_date(*d.to);
    if (!to) errors.add("to", "must be a date YYYY-MM-DD");
  }
  if (d.territory && !is_code_shaped(*d.territory)) errors.add("territory", "is not a valid id");
  if (d.category && !is_code_shaped(*d.category)) errors.add("category", "is not a valid code");
  std::optional<Disaggregation> by;
  if (d.by) {
    by = parse_disaggregation(*d.by);
    if (!by) errors.add("by", "must be sex, age_group or nationality");
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));

  Date end = to.value_or(today);
  Date start = from.value_or(end - std::chrono::days{kDefaultGapPeriodDays - 1});
  if (start > end) {
    // Blame the parameter the caller actually gave: a lone `from` in the future is its fault.
    errors.add(d.to ? "to" : "from", "must not be before from");
  } else if ((end - start).count() + 1 > kMaxGapPeriodDays) {
    errors.add("from", "the period may span at most 3 years");
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  // Whole ISO weeks: two reports whose periods differ by a day would give that day's counts
  // away by subtraction, however well each is suppressed.
  return GapQuery{iso_week_start(start), iso_week_start(end) + std::chrono::days{6}, d.territory,
                  d.category, by};
}

Date iso_week_start(Date d) {
  // weekday::iso_encoding: Monday 1 ... Sunday 7.
  unsigned iso = std::chrono::weekday{d}.iso_encoding();
  return d - std::chrono::days{iso - 1};
}

std::vector<Date> iso_weeks(Date from, Date to) {
  std::vector<Date> out;
  for (Date w = iso_week_start(from); w <= to; w += std::chrono::days{7}) out.push_back(w);
  return out;
}

ResponseHours summarize_response_hours(std::vector<double> hours) {
  auto q = median_and_p90(std::move(hours));
  if (!q) return {};
  return {q->median, q->p90};
}

std::optional<double> demand_per_supply(const CategoryFigures& f) {
  if (f.supply.capacity <= 0) return std::nullopt;
  return static_cast<double>(f.demand) / static_cast<double>(f.supply.capacity);
}

std::optional<double> within_standard(const CategoryFigures& f) {
  if (f.due < kMinShownCount) return std::nullopt;
  return static_cast<double>(f.answered_in_time) / static_cast<double>(f.due);
}

}  // namespace enlace::core
