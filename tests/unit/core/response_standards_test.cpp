#include "core/response_standards.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::fields_of;
using testing::names_field;

const std::vector<std::string> kCategories = {"shelter", "health"};

TEST(ResponseStandards, DefaultsAreFourTwentyFourSeventyTwoHours) {
  ResponseStandards s;
  EXPECT_EQ(response_hours(s, "health", Urgency::emergency), 4);
  EXPECT_EQ(response_hours(s, "health", Urgency::high), 24);
  EXPECT_EQ(response_hours(s, "health", Urgency::normal), 72);
}

TEST(ResponseStandards, CategoryOverrideWinsOnlyForItsUrgency) {
  ResponseStandardsDraft d;
  d.hours = {{"normal", 48}};
  d.by_category = {{"shelter", {{"emergency", 2}}}};
  auto s = make_response_standards(d, kCategories);
  ASSERT_TRUE(s) << fields_of(s.error());
  EXPECT_EQ(response_hours(*s, "shelter", Urgency::emergency), 2);
  EXPECT_EQ(response_hours(*s, "shelter", Urgency::high), 24);
  EXPECT_EQ(response_hours(*s, "shelter", Urgency::normal), 48);
  EXPECT_EQ(response_hours(*s, "health", Urgency::emergency), 4);
}

TEST(ResponseStandards, DeadlineAddsTheHours) {
  ResponseStandards s;
  s.by_category["shelter"][Urgency::emergency] = 2;
  const Timestamp t = at("2026-03-15T23:30:00Z");
  EXPECT_EQ(deadline(s, "shelter", Urgency::emergency, t), at("2026-03-16T01:30:00Z"));
  EXPECT_EQ(deadline(s, "health", Urgency::normal, t), at("2026-03-18T23:30:00Z"));
}

TEST(ResponseStandards, HoursMustBeBetweenOneAnd720) {
  ResponseStandardsDraft d;
  d.hours = {{"emergency", 0}, {"high", 721}, {"normal", 720}};
  d.by_category = {{"shelter", {{"emergency", -3}}}};
  auto s = make_response_standards(d, kCategories);
  ASSERT_FALSE(s);
  EXPECT_TRUE(names_field(s.error(), "hours.emergency"));
  EXPECT_TRUE(names_field(s.error(), "hours.high"));
  EXPECT_TRUE(names_field(s.error(), "by_category.shelter.emergency"));
  EXPECT_EQ(s.error().fields.items().size(), 3u) << fields_of(s.error());
}

TEST(ResponseStandards, UnknownUrgencyAndCategoryAreReported) {
  ResponseStandardsDraft d;
  d.hours = {{"critical", 1}};
  d.by_category = {{"spaceflight", {{"high", 5}}}, {"health", {{"soon", 5}}}};
  auto s = make_response_standards(d, kCategories);
  ASSERT_FALSE(s);
  EXPECT_TRUE(names_field(s.error(), "hours.critical"));
  EXPECT_TRUE(names_field(s.error(), "by_category.spaceflight"));
  EXPECT_TRUE(names_field(s.error(), "by_category.health.soon"));
}

TEST(ResponseStandards, OutcomeDefaultsAreThreeFourteenThirtyDays) {
  ResponseStandards s;
  EXPECT_EQ(outcome_days(s, "health", Urgency::emergency), 3);
  EXPECT_EQ(outcome_days(s, "health", Urgency::high), 14);
  EXPECT_EQ(outcome_days(s, "health", Urgency::normal), 30);
  EXPECT_EQ(outcome_deadline(s, "health", Urgency::emergency, at("2026-03-01T10:00:00Z")),
            at("2026-03-04T10:00:00Z"));
}

TEST(ResponseStandards, OutcomeCategoryOverrideWinsOnlyForItsUrgency) {
  ResponseStandardsDraft d;
  d.outcome_days = {{"normal", 20}};
  d.outcome_days_by_category = {{"shelter", {{"emergency", 1}}}};
  auto s = make_response_standards(d, kCategories);
  ASSERT_TRUE(s) << fields_of(s.error());
  EXPECT_EQ(outcome_days(*s, "shelter", Urgency::emergency), 1);
  EXPECT_EQ(outcome_days(*s, "shelter", Urgency::high), 14);
  EXPECT_EQ(outcome_days(*s, "shelter", Urgency::normal), 20);
  EXPECT_EQ(outcome_days(*s, "health", Urgency::emergency), 3);
  // The response hours are untouched by outcome overrides.
  EXPECT_EQ(response_hours(*s, "shelter", Urgency::emergency), 4);
}

TEST(ResponseStandards, OutcomeDaysAreCheckedLikeHours) {
  ResponseStandardsDraft d;
  d.outcome_days = {{"normal", 0}, {"high", 366}, {"soon", 3}};
  d.outcome_days_by_category = {{"knitting", {{"normal", 3}}}, {"shelter", {{"high", -1}}}};
  auto s = make_response_standards(d, kCategories);
  ASSERT_FALSE(s);
  const auto f = fields_of(s.error());
  for (const char* path : {"outcome_days.normal", "outcome_days.high", "outcome_days.soon",
                           "outcome_days.by_category.knitting",
                           "outcome_days.by_category.shelter.high"})
    EXPECT_NE(f.find(path), std::string::npos) << path << " in " << f;
}

}  // namespace
}  // namespace enlace::core
