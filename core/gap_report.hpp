// The service-gap report: its query and the raw figures storage gathers for it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/percentile.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// Default period: the last 90 days, today included.
inline constexpr int kDefaultGapPeriodDays = 90;
// Longest period: three years of 365 days plus one leap day, counted inclusively.
inline constexpr int kMaxGapPeriodDays = 3 * 365 + 1;

enum class Disaggregation { sex, age_group, nationality };
std::string_view to_string(Disaggregation d);
std::optional<Disaggregation> parse_disaggregation(std::string_view s);

// The query parameters as the gateway received them (`?from&to&territory&category&by`);
// absent parameters are nullopt.
struct GapQueryDraft {
  std::optional<std::string> from, to, territory, category, by;
};

struct GapQuery {
  Date from;                          // inclusive, a Monday
  Date to;                            // inclusive, a Sunday
  std::optional<std::string> territory_id;  // nullopt: every territory in the caller's scope
  std::optional<std::string> category;      // nullopt: every category
  std::optional<Disaggregation> by;
};

// Field errors name the query parameters. A missing `to` is today; a missing `from` is
// kDefaultGapPeriodDays back from `to`. The period is then widened to the smallest run of
// whole ISO weeks (Monday to Sunday) that covers it: the reply reports that period. Whether
// territory and category exist is for storage to say; here they only need the shape of an
// id/code.
Result<GapQuery> make_gap_query(const GapQueryDraft& d, Date today);

// Monday of the ISO week holding `d`: weekly rows are keyed by it.
Date iso_week_start(Date d);
// Every ISO week start whose week overlaps [from, to].
std::vector<Date> iso_weeks(Date from, Date to);

struct ResponseHours {
  std::optional<double> median;  // nullopt below kMinValuesForPercentile responses
  std::optional<double> p90;
};
// Response times (requested -> accepted/rejected) in hours, summarised for the report.
ResponseHours summarize_response_hours(std::vector<double> hours);

struct Supply {
  std::int64_t services = 0;  // services covering the territory that accept referrals
  std::int64_t capacity = 0;  // sum of their declared capacity
};

// One service category's figures, as counted by storage before any suppression.
struct CategoryFigures {
  std::string category;
  std::int64_t demand = 0;                          // cases with an assessed need
  std::map<std::string, std::int64_t> referrals;    // current state -> count
  std::map<std::string, std::int64_t> rejections;   // reason code -> count
  std::map<std::string, std::int64_t> outcomes;     // outcome code of those ended -> count
  std::int64_t unmet = 0;
  // The network's response standard: of the referrals that were answered, expired unanswered
  // or are past respond_by unanswered (`due`), those answered by respond_by.
  std::int64_t due = 0, answered_in_time = 0;
  ResponseHours response_hours;
  std::int64_t overdue = 0;
  Supply supply;
};

// Demand per unit of declared capacity; nullopt when there is no capacity to divide by.
std::optional<double> demand_per_supply(const CategoryFigures& f);

// The share answered within the standard, from 0 to 1; nullopt (shown as "suppressed") when
// fewer than kMinShownCount referrals make it up: a share of 1 of 2 would name a referral.
std::optional<double> within_standard(const CategoryFigures& f);

struct WeeklyRow {
  Date week_start;                      // ISO Monday
  std::optional<std::string> category;  // nullopt: all categories together
  std::int64_t demand = 0;
  std::int64_t referrals = 0;
  std::int64_t unmet = 0;
};

struct TerritoryRow {
  std::string territory_id;
  std::string name;
  std::int64_t demand = 0;
  std::int64_t referrals = 0;
  std::int64_t unmet = 0;
};

// Figures for one value of the disaggregation: "female", "0-4", "SY"...
struct GroupFigures {
  std::string group;
  std::vector<CategoryFigures> categories;
};

struct GapReport {
  GapQuery query;
  std::vector<CategoryFigures> categories;
  std::vector<WeeklyRow> weekly;
  std::vector<TerritoryRow> territories;
  std::vector<GroupFigures> groups;  // empty unless query.by
};

}  // namespace enlace::core
