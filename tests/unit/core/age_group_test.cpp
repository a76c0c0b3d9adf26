#include "core/age_group.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;
using namespace std::chrono;

namespace {
Date d(int y, unsigned m, unsigned day) { return sys_days{year{y} / month{m} / day}; }
}  // namespace

TEST(AgeGroup, BoundariesFallInTheUpperGroupFromTheirFirstYear) {
  EXPECT_EQ(age_group_for(0), AgeGroup::age_0_4);
  EXPECT_EQ(age_group_for(4), AgeGroup::age_0_4);
  EXPECT_EQ(age_group_for(5), AgeGroup::age_5_11);
  EXPECT_EQ(age_group_for(11), AgeGroup::age_5_11);
  EXPECT_EQ(age_group_for(12), AgeGroup::age_12_17);
  EXPECT_EQ(age_group_for(17), AgeGroup::age_12_17);
  EXPECT_EQ(age_group_for(18), AgeGroup::age_18_59);
  EXPECT_EQ(age_group_for(59), AgeGroup::age_18_59);
  EXPECT_EQ(age_group_for(60), AgeGroup::age_60_plus);
  EXPECT_EQ(age_group_for(104), AgeGroup::age_60_plus);
}

TEST(AgeGroup, NegativeAgeCountsAsYoungest) { EXPECT_EQ(age_group_for(-1), AgeGroup::age_0_4); }

TEST(AgeGroup, NamesAreTheApiStrings) {
  const char* names[] = {"0-4", "5-11", "12-17", "18-59", "60+"};
  int i = 0;
  for (AgeGroup g : kAllAgeGroups) {
    EXPECT_EQ(to_string(g), names[i]);
    EXPECT_EQ(parse_age_group(names[i]), g);
    ++i;
  }
  EXPECT_FALSE(parse_age_group("60-"));
  EXPECT_FALSE(parse_age_group(""));
}

TEST(AgeGroup, BirthdayDecidesTheGroupOnTheNeedsDate) {
  AgeEvidence e{d(2010, 6, 15), std::nullopt, {}};
  EXPECT_EQ(age_group_on(e, d(2028, 6, 14)), AgeGroup::age_12_17);  // day before 18th
  EXPECT_EQ(age_group_on(e, d(2028, 6, 15)), AgeGroup::age_18_59);  // the birthday
  EXPECT_EQ(age_group_on(e, d(2028, 6, 16)), AgeGroup::age_18_59);

  AgeEvidence toddler{d(2020, 3, 1), std::nullopt, {}};
  EXPECT_EQ(age_group_on(toddler, d(2025, 2, 28)), AgeGroup::age_0_4);
  EXPECT_EQ(age_group_on(toddler, d(2025, 3, 1)), AgeGroup::age_5_11);

  AgeEvidence child{d(2014, 1, 10), std::nullopt, {}};
  EXPECT_EQ(age_group_on(child, d(2026, 1, 9)), AgeGroup::age_5_11);
  EXPECT_EQ(age_group_on(child, d(2026, 1, 10)), AgeGroup::age_12_17);

  AgeEvidence elder{d(1966, 12, 31), std::nullopt, {}};
  EXPECT_EQ(age_group_on(elder, d(2026, 12, 30)), AgeGroup::age_18_59);
  EXPECT_EQ(age_group_on(elder, d(2026, 12, 31)), AgeGroup::age_60_plus);
}

TEST(AgeGroup, LeapDayBirthTurnsOverOnMarchFirst) {
  AgeEvidence e{d(2008, 2, 29), std::nullopt, {}};
  EXPECT_EQ(age_group_on(e, d(2026, 2, 28)), AgeGroup::age_12_17);
  EXPECT_EQ(age_group_on(e, d(2026, 3, 1)), AgeGroup::age_18_59);
}

TEST(AgeGroup, EstimatedAgeGrowsByWholeYearsSinceItWasRecorded) {
  // Estimated 17 at registration on 2025-05-10: still 17 the day before the anniversary.
  AgeEvidence e{std::nullopt, 17, d(2025, 5, 10)};
  EXPECT_EQ(estimated_age_on(17, d(2025, 5, 10), d(2026, 5, 9)), 17);
  EXPECT_EQ(age_group_on(e, d(2026, 5, 9)), AgeGroup::age_12_17);
  EXPECT_EQ(age_group_on(e, d(2026, 5, 10)), AgeGroup::age_18_59);
  EXPECT_EQ(age_group_on(e, d(2025, 5, 10)), AgeGroup::age_12_17);
  EXPECT_EQ(estimated_age_on(59, d(2020, 1, 1), d(2021, 1, 1)), 60);
}

TEST(AgeGroup, BirthDateWinsOverAnEstimate) {
  AgeEvidence e{d(2000, 1, 1), 3, d(2025, 1, 1)};
  EXPECT_EQ(age_group_on(e, d(2025, 6, 1)), AgeGroup::age_18_59);
}

TEST(AgeGroup, NothingRecordedHasNoGroup) {
  EXPECT_EQ(age_group_on(AgeEvidence{}, d(2025, 6, 1)), std::nullopt);
}
