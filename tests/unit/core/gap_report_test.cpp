#include "core/gap_report.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;
using namespace std::chrono;

namespace {
Date d(int y, unsigned m, unsigned day) { return sys_days{year{y} / month{m} / day}; }
const Date kToday = d(2026, 11, 24);

GapQueryDraft period(std::optional<std::string> from, std::optional<std::string> to) {
  GapQueryDraft q;
  q.from = std::move(from);
  q.to = std::move(to);
  return q;
}

bool has_field_error(const Error& e, const std::string& field) {
  for (const auto& f : e.fields.items())
    if (f.field == field) return true;
  return false;
}
}  // namespace

TEST(GapQuery, DefaultsToTheWholeWeeksOfTheLastNinetyDaysIncludingToday) {
  auto q = make_gap_query({}, kToday);
  ASSERT_TRUE(q);
  // 2026-08-27 (89 days back) is a Thursday and today a Tuesday: Monday to Sunday around them.
  EXPECT_EQ(q->from, d(2026, 8, 24));
  EXPECT_EQ(q->to, d(2026, 11, 29));
  EXPECT_FALSE(q->territory_id);
  EXPECT_FALSE(q->category);
  EXPECT_FALSE(q->by);
}

TEST(GapQuery, MissingFromCountsBackFromTo) {
  auto q = make_gap_query(period(std::nullopt, "2026-03-31"), kToday);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from, d(2025, 12, 29));  // the Monday of 2026-01-01's week
}

TEST(GapQuery, PeriodIsWidenedToWholeIsoWeeks) {
  // Wednesday to Thursday becomes Monday to Sunday; a whole week stays as it is.
  auto q = make_gap_query(period("2026-10-14", "2026-10-15"), kToday);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from, d(2026, 10, 12));
  EXPECT_EQ(q->to, d(2026, 10, 18));
  auto week = make_gap_query(period("2026-10-12", "2026-10-18"), kToday);
  ASSERT_TRUE(week);
  EXPECT_EQ(week->from, d(2026, 10, 12));
  EXPECT_EQ(week->to, d(2026, 10, 18));
  auto sunday_to_monday = make_gap_query(period("2026-10-18", "2026-10-19"), kToday);
  ASSERT_TRUE(sunday_to_monday);
  EXPECT_EQ(sunday_to_monday->from, d(2026, 10, 12));
  EXPECT_EQ(sunday_to_monday->to, d(2026, 10, 25));
}

TEST(GapQuery, AcceptsAllParameters) {
  auto q = make_gap_query({"2026-01-01", "2026-01-01", "ter_01", "legal", "age_group"}, kToday);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->from, d(2025, 12, 29));  // one day asked, its whole week reported
  EXPECT_EQ(q->to, d(2026, 1, 4));
  EXPECT_EQ(q->territory_id, "ter_01");
  EXPECT_EQ(q->category, "legal");
  EXPECT_EQ(q->by, Disaggregation::age_group);
}

TEST(GapQuery, FromAfterToIsRefused) {
  auto q = make_gap_query(period("2026-02-02", "2026-02-01"), kToday);
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field_error(q.error(), "to"));
}

TEST(GapQuery, ThreeYearsIsTheLongestPeriod) {
  // 2023-01-01..2025-12-31 is 1096 days with one leap day: allowed. One more day is not.
  EXPECT_TRUE(make_gap_query(period("2023-01-01", "2025-12-31"), kToday));
  auto q = make_gap_query(period("2023-01-01", "2026-01-01"), kToday);
  ASSERT_FALSE(q);
  EXPECT_TRUE(has_field_error(q.error(), "from"));
}

TEST(GapQuery, BadValuesAreAllReportedAtOnce) {
  auto q = make_gap_query({"2026-02-30", "yesterday", "a b", "", "gender"}, kToday);
  ASSERT_FALSE(q);
  for (const char* f : {"from", "to", "territory", "category", "by"})
    EXPECT_TRUE(has_field_error(q.error(), f)) << f;
}

TEST(GapQuery, DisaggregationNamesRoundTrip) {
  for (auto by : {Disaggregation::sex, Disaggregation::age_group, Disaggregation::nationality})
    EXPECT_EQ(parse_disaggregation(to_string(by)), by);
  EXPECT_FALSE(parse_disaggregation("territory"));
}

TEST(GapReport, IsoWeekStartsOnMonday) {
  EXPECT_EQ(iso_week_start(d(2026, 11, 23)), d(2026, 11, 23));  // a Monday
  EXPECT_EQ(iso_week_start(d(2026, 11, 29)), d(2026, 11, 23));  // Sunday
  EXPECT_EQ(iso_week_start(d(2026, 1, 1)), d(2025, 12, 29));    // Thursday, week crosses year
}

TEST(GapReport, IsoWeeksCoverThePeriod) {
  auto ws = iso_weeks(d(2026, 11, 25), d(2026, 12, 7));
  ASSERT_EQ(ws.size(), 3u);
  EXPECT_EQ(ws.front(), d(2026, 11, 23));
  EXPECT_EQ(ws.back(), d(2026, 12, 7));
}

TEST(GapReport, ResponseHoursNeedFiveResponses) {
  EXPECT_FALSE(summarize_response_hours({1, 2, 3, 4}).median);
  auto r = summarize_response_hours({1, 2, 3, 4, 50});
  EXPECT_EQ(r.median, 3);
  EXPECT_EQ(r.p90, 50);
}

TEST(GapReport, DemandPerSupplyNeedsCapacity) {
  CategoryFigures f;
  f.demand = 30;
  EXPECT_FALSE(demand_per_supply(f));
  f.supply = {2, 20};
  EXPECT_DOUBLE_EQ(*demand_per_supply(f), 1.5);
}
