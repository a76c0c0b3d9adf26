#include "core/percentile.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace enlace::core;

TEST(Percentile, FewerThanFiveValuesAreNotShown) {
  EXPECT_EQ(percentile({}, 50), std::nullopt);
  EXPECT_EQ(percentile({1, 2, 3, 4}, 50), std::nullopt);
  EXPECT_EQ(median_and_p90({1, 2, 3, 4}), std::nullopt);
  EXPECT_TRUE(median_and_p90({1, 2, 3, 4, 5}).has_value());
}

TEST(Percentile, NearestRankOnFiveValues) {
  // ranks: median ceil(2.5)=3, p90 ceil(4.5)=5; input order does not matter.
  auto q = median_and_p90({9, 1, 5, 3, 7});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->median, 5);
  EXPECT_EQ(q->p90, 9);
}

TEST(Percentile, EvenCountMedianIsTheLowerMiddleValue) {
  auto q = median_and_p90({1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->median, 3);  // rank 3, no interpolation to 3.5
  EXPECT_EQ(q->p90, 6);     // rank ceil(5.4) = 6
}

TEST(Percentile, TenValuesP90IsTheNinthNotTheTenth) {
  auto q = median_and_p90({10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->median, 50);
  EXPECT_EQ(q->p90, 90);
}

TEST(Percentile, TwentyValues) {
  std::vector<double> v;
  for (int i = 1; i <= 20; ++i) v.push_back(i);
  EXPECT_EQ(percentile(v, 90), 18);
  EXPECT_EQ(percentile(v, 50), 10);
  EXPECT_EQ(percentile(v, 100), 20);
  EXPECT_EQ(percentile(v, 1), 1);
}

TEST(Percentile, OutOfRangePIsRefused) {
  EXPECT_EQ(percentile({1, 2, 3, 4, 5}, 0), std::nullopt);
  EXPECT_EQ(percentile({1, 2, 3, 4, 5}, 101), std::nullopt);
  EXPECT_EQ(percentile({1, 2, 3, 4, 5}, std::nan("")), std::nullopt);
}

TEST(Percentile, NonFiniteValuesAreIgnoredAndDoNotCount) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(median_and_p90({1, 2, 3, 4, std::nan("")}), std::nullopt);
  auto q = median_and_p90({1, 2, inf, 3, 4, 5});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->p90, 5);
}

TEST(Percentile, DurationsBecomeHours) {
  using namespace std::chrono;
  EXPECT_DOUBLE_EQ(to_hours(milliseconds{hours{3} + minutes{30}}), 3.5);
  auto hs = to_hours(std::vector<milliseconds>{minutes{90}, hours{48}});
  ASSERT_EQ(hs.size(), 2u);
  EXPECT_DOUBLE_EQ(hs[0], 1.5);
  EXPECT_DOUBLE_EQ(hs[1], 48.0);
}
