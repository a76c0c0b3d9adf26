// Tests gateway/limits.cpp: failures reserved before the answer, released or kept after it;
// several keys at once; the token bucket.
#include "gateway/limits.hpp"

#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

using namespace std::chrono_literals;

core::Timestamp at(int seconds) { return core::Timestamp{} + std::chrono::seconds(seconds); }

TEST(FailureLimiterTest, ReservationsInFlightCountAgainstTheLimit) {
  FailureLimiter l(900s);
  std::vector<FailureSlot> in_flight;
  for (int i = 0; i < 3; ++i) {
    in_flight.push_back(l.reserve({{"k", 3}}, at(0)));
    ASSERT_TRUE(in_flight.back());
  }
  auto refused = l.reserve({{"k", 3}}, at(1));
  EXPECT_FALSE(refused);
  EXPECT_EQ(refused.retry_after(), 899);
}

TEST(FailureLimiterTest, ARightAnswerReleasesItsSlotAndAWrongOneKeepsIt) {
  FailureLimiter l(900s);
  {
    auto right = l.reserve({{"k", 1}}, at(0));
    ASSERT_TRUE(right);
  }  // released
  auto wrong = l.reserve({{"k", 1}}, at(0));
  ASSERT_TRUE(wrong);
  wrong.fail();
  EXPECT_FALSE(l.reserve({{"k", 1}}, at(10)));
  EXPECT_TRUE(l.reserve({{"k", 1}}, at(900))) << "the window has passed";
}

TEST(FailureLimiterTest, AKeyThatIsFullRefusesAndReservesNothingElsewhere) {
  FailureLimiter l(900s);
  auto first = l.reserve({{"pair", 1}, {"user", 5}}, at(0));
  first.fail();
  EXPECT_FALSE(l.reserve({{"pair", 1}, {"user", 5}}, at(1)));
  // The refused attempt took no slot under "user": four more from other pairs fit.
  for (int i = 0; i < 4; ++i) {
    auto s = l.reserve({{"pair" + std::to_string(i + 2), 1}, {"user", 5}}, at(2));
    ASSERT_TRUE(s) << i;
    s.fail();
  }
  EXPECT_FALSE(l.reserve({{"fresh-pair", 1}, {"user", 5}}, at(3)));
}

TEST(FailureLimiterTest, ClearForgetsSettledFailuresButNotReservationsInFlight) {
  FailureLimiter l(900s);
  auto a = l.reserve({{"k", 2}}, at(0));
  a.fail();
  auto pending = l.reserve({{"k", 2}}, at(0));
  ASSERT_TRUE(pending);
  l.clear("k");
  auto b = l.reserve({{"k", 2}}, at(0));
  ASSERT_TRUE(b);
  EXPECT_FALSE(l.reserve({{"k", 2}}, at(0))) << "the two in flight still count";
}

TEST(FailureLimiterTest, AMovedSlotIsReleasedOnce) {
  FailureLimiter l(900s);
  auto a = l.reserve({{"k", 1}}, at(0));
  FailureSlot b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_TRUE(b);
  b.fail();
  EXPECT_FALSE(l.reserve({{"k", 1}}, at(0)));
}

TEST(RateLimiterTest, TakesUntilEmptyThenRefillsWithTime) {
  RateLimiter r(60);
  for (int i = 0; i < 60; ++i) ASSERT_EQ(r.take("a", at(0)), 0) << i;
  EXPECT_FALSE(r.exhausted("b", at(0)));
  EXPECT_TRUE(r.exhausted("a", at(0)));
  EXPECT_EQ(r.take("a", at(0)), 1);
  EXPECT_EQ(r.take("a", at(1)), 0) << "one token a second";
  EXPECT_EQ(r.take("b", at(1)), 0) << "keys are independent";
}

}  // namespace
}  // namespace enlace::gateway
