// core/opening_hours: times of day, local time in a zone (daylight saving included) and the
// open-now rule with periods that run past midnight.
#include "core/opening_hours.hpp"

#include "test_support.hpp"

using namespace enlace::core;
using enlace::core::testing::at;

namespace {
OpeningPeriod period(int weekday, const char* opens, const char* closes) {
  return {weekday, *parse_time_of_day(opens), *parse_time_of_day(closes, true)};
}
}  // namespace

TEST(OpeningHours, TimesOfDayAreStrict) {
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("08:30"), 510);
  EXPECT_EQ(parse_time_of_day("23:59"), 1439);
  EXPECT_FALSE(parse_time_of_day("24:00"));
  EXPECT_EQ(parse_time_of_day("24:00", true), 1440);
  for (const char* bad : {"8:30", "08:60", "25:00", "08-30", "08:30:00", "", "ab:cd", "24:01"})
    EXPECT_FALSE(parse_time_of_day(bad, true)) << bad;
  EXPECT_EQ(format_time_of_day(510), "08:30");
  EXPECT_EQ(format_time_of_day(1440), "24:00");
}

TEST(OpeningHours, LocalTimeFollowsTheZoneAndItsDaylightSaving) {
  // 2026-11-24 was a Tuesday.
  auto utc = local_time(at("2026-11-24T12:00:00Z"), "");
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->weekday, 2);
  EXPECT_EQ(utc->minute, 12 * 60);
  // Guayaquil is UTC-5 all year: 03:00Z is still Monday evening there.
  auto quito = local_time(at("2026-11-24T03:00:00Z"), "America/Guayaquil");
  ASSERT_TRUE(quito);
  EXPECT_EQ(quito->weekday, 1);
  EXPECT_EQ(quito->minute, 22 * 60);
  // Manila is UTC+8.
  auto manila = local_time(at("2026-11-24T20:30:00Z"), "Asia/Manila");
  ASSERT_TRUE(manila);
  EXPECT_EQ(manila->weekday, 3);
  EXPECT_EQ(manila->minute, 4 * 60 + 30);
  // Madrid: UTC+1 in winter, UTC+2 in summer (2026-03-29 switches).
  EXPECT_EQ(local_time(at("2026-03-28T08:00:00Z"), "Europe/Madrid")->minute, 9 * 60);
  EXPECT_EQ(local_time(at("2026-03-30T08:00:00Z"), "Europe/Madrid")->minute, 10 * 60);
  EXPECT_FALSE(local_time(at("2026-11-24T12:00:00Z"), "Mars/Olympus_Mons"));
}

TEST(OpeningHours, ClosesIsExclusive) {
  std::vector<OpeningPeriod> s{period(2, "08:00", "16:00")};
  EXPECT_FALSE(is_open(s, {2, 7 * 60 + 59}));
  EXPECT_TRUE(is_open(s, {2, 8 * 60}));
  EXPECT_TRUE(is_open(s, {2, 15 * 60 + 59}));
  EXPECT_FALSE(is_open(s, {2, 16 * 60}));
  EXPECT_FALSE(is_open(s, {3, 9 * 60}));  // another day
  EXPECT_FALSE(is_open({}, {2, 9 * 60}));
}

TEST(OpeningHours, APeriodEndingBeforeItOpensRunsPastMidnight) {
  // A night shelter, Friday 22:00 to Saturday 06:00; and Sunday night into Monday.
  std::vector<OpeningPeriod> s{period(5, "22:00", "06:00"), period(7, "20:00", "02:00")};
  EXPECT_FALSE(is_open(s, {5, 21 * 60 + 59}));
  EXPECT_TRUE(is_open(s, {5, 23 * 60}));
  EXPECT_TRUE(is_open(s, {6, 0}));
  EXPECT_TRUE(is_open(s, {6, 5 * 60 + 59}));
  EXPECT_FALSE(is_open(s, {6, 6 * 60}));
  EXPECT_FALSE(is_open(s, {5, 3 * 60}));  // Thursday night is not listed
  EXPECT_TRUE(is_open(s, {1, 60}));       // the week wraps: Sunday's night reaches Monday
  EXPECT_FALSE(is_open(s, {1, 2 * 60}));
}

TEST(OpeningHours, MidnightToMidnightIsTheWholeDay) {
  std::vector<OpeningPeriod> s{period(3, "00:00", "24:00")};
  EXPECT_TRUE(is_open(s, {3, 0}));
  EXPECT_TRUE(is_open(s, {3, 1439}));
  EXPECT_FALSE(is_open(s, {4, 0}));
  EXPECT_FALSE(is_open(s, {2, 1439}));
}

TEST(OpeningHours, OpenAtUsesTheServicesZone) {
  // Monday 08:00-12:00 in Quito (UTC-5) is 13:00-17:00Z.
  std::vector<OpeningPeriod> s{period(1, "08:00", "12:00")};
  EXPECT_FALSE(is_open_at(s, "America/Guayaquil", at("2026-11-23T09:00:00Z")));
  EXPECT_TRUE(is_open_at(s, "America/Guayaquil", at("2026-11-23T13:00:00Z")));
  EXPECT_TRUE(is_open_at(s, "", at("2026-11-23T09:00:00Z")));  // no zone: UTC
  EXPECT_FALSE(is_open_at(s, "America/Guayaquil", at("2026-11-23T17:00:00Z")));
  // Across a change to summer time the wall clock is what counts.
  std::vector<OpeningPeriod> madrid{period(1, "09:00", "10:00")};
  EXPECT_TRUE(is_open_at(madrid, "Europe/Madrid", at("2026-03-23T08:30:00Z")));   // UTC+1
  EXPECT_FALSE(is_open_at(madrid, "Europe/Madrid", at("2026-03-30T08:30:00Z")));  // UTC+2: 10:30
  EXPECT_TRUE(is_open_at(madrid, "Europe/Madrid", at("2026-03-30T07:30:00Z")));
}
