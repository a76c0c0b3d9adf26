#include "core/gap_report_disclosure.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;
using namespace std::chrono;

namespace {
Date d(int y, unsigned m, unsigned day) { return sys_days{year{y} / month{m} / day}; }

CategoryFigures legal(std::int64_t demand) {
  CategoryFigures f;
  f.category = "legal";
  f.demand = demand;
  return f;
}
}  // namespace

TEST(GapDisclosure, RejectionsThatAddUpToRejectedReferralsAreProtectedTogether) {
  GapReport r;
  auto f = legal(40);
  f.referrals = {{"rejected", 9}, {"requested", 20}};
  f.rejections = {{"no_capacity", 6}, {"outside_area", 3}};
  r.categories.push_back(f);
  auto p = publish(r);
  ASSERT_EQ(p.categories.size(), 1u);
  const auto& c = p.categories[0];
  EXPECT_EQ(c.referrals.at("rejected").text(), "9");
  EXPECT_EQ(c.rejections.at("outside_area").text(), "<5");
  EXPECT_EQ(c.rejections.at("no_capacity").text(), "suppressed");  // 9 - 6 would give the 3
  EXPECT_EQ(c.referrals.at("requested").text(), "20");
}

TEST(GapDisclosure, FiguresThatDoNotAddUpGetOnlyPrimarySuppression) {
  GapReport r;
  auto f = legal(40);
  f.referrals = {{"rejected", 20}};
  f.rejections = {{"no_capacity", 10}, {"outside_area", 3}};
  r.categories.push_back(f);
  auto c = publish(r).categories[0];
  EXPECT_EQ(c.rejections.at("no_capacity").text(), "10");
  EXPECT_EQ(c.rejections.at("outside_area").text(), "<5");
}

TEST(GapDisclosure, GroupsAddingUpToTheOverallFigureAreProtectedTogether) {
  GapReport r;
  r.categories.push_back(legal(12));
  r.groups = {{"female", {legal(9)}}, {"male", {legal(3)}}};
  auto p = publish(r);
  EXPECT_EQ(p.categories[0].demand.text(), "12");
  EXPECT_EQ(p.groups[0].group, "female");
  EXPECT_EQ(p.groups[0].categories[0].demand.text(), "suppressed");
  EXPECT_TRUE(p.groups[0].categories[0].demand.is_secondary());
  EXPECT_EQ(p.groups[1].categories[0].demand.text(), "<5");
}

TEST(GapDisclosure, DemandPerSupplyIsWithheldWhenDemandIsSuppressed) {
  GapReport r;
  auto small = legal(3);
  small.supply = {2, 10};
  auto large = legal(30);
  large.category = "health";
  large.supply = {6, 20};
  r.categories = {small, large};
  auto p = publish(r);
  EXPECT_FALSE(p.categories[0].demand_per_supply);
  EXPECT_EQ(p.categories[0].supply.services.text(), "<5");
  EXPECT_EQ(p.categories[0].supply.capacity.text(), "10");
  ASSERT_TRUE(p.categories[1].demand_per_supply);
  EXPECT_DOUBLE_EQ(*p.categories[1].demand_per_supply, 1.5);
}

TEST(GapDisclosure, WeeksAddingUpToTheCategoryAreProtectedTogether) {
  GapReport r;
  r.categories.push_back(legal(14));
  r.weekly = {{d(2026, 11, 16), "legal", 10, 0, 0}, {d(2026, 11, 23), "legal", 4, 0, 0}};
  auto p = publish(r);
  EXPECT_EQ(p.categories[0].demand.text(), "14");
  EXPECT_EQ(p.weekly[0].demand.text(), "suppressed");
  EXPECT_EQ(p.weekly[1].demand.text(), "<5");
  EXPECT_EQ(p.weekly[1].week_start, d(2026, 11, 23));
}

TEST(GapDisclosure, ResponseHoursAndTerritoriesPassThrough) {
  GapReport r;
  auto f = legal(20);
  f.response_hours = summarize_response_hours({1, 2, 3, 4, 5});
  r.categories.push_back(f);
  r.territories = {{"ter_1", "Norte", 20, 2, 0}};
  auto p = publish(r);
  EXPECT_EQ(p.categories[0].response_hours.median, 3);
  EXPECT_EQ(p.territories[0].name, "Norte");
  EXPECT_EQ(p.territories[0].referrals.text(), "<5");
  EXPECT_EQ(p.territories[0].unmet.text(), "0");
}

TEST(GapDisclosure, WeeklyReferralsDoNotGiveBackASuppressedState) {
  GapReport r;
  auto f = legal(40);
  f.referrals = {{"requested", 10}, {"accepted", 3}, {"completed", 8}};
  r.categories.push_back(f);
  r.weekly = {{d(2026, 11, 16), "legal", 0, 12, 0}, {d(2026, 11, 23), "legal", 0, 9, 0}};
  auto c = publish(r).categories[0];
  EXPECT_EQ(c.referrals.at("accepted").text(), "<5");
  // Otherwise 12 + 9 - 10 - 8 would give the 3.
  EXPECT_EQ(c.referrals.at("completed").text(), "suppressed");
  EXPECT_EQ(c.referrals.at("requested").text(), "10");
}

TEST(GapDisclosure, TerritoryRowsAddingUpToTheTotalsAreProtectedTogether) {
  GapReport r;
  auto health = legal(10);
  health.category = "health";
  r.categories = {legal(12), health};
  r.territories = {{"ter_1", "Norte", 18, 0, 0}, {"ter_2", "Sur", 4, 0, 0}};
  auto p = publish(r);
  EXPECT_EQ(p.territories[1].demand.text(), "<5");
  EXPECT_EQ(p.territories[0].demand.text(), "suppressed");  // 22 - 18 would give the 4
  EXPECT_EQ(p.categories[0].demand.text(), "12");
}
