#include "core/delivery_retry.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;
using namespace std::chrono_literals;

namespace {
const Timestamp t0 = from_millis(1'800'000'000'000);
}

TEST(DeliveryRetry, FirstRetriesComeWithinThirtySeconds) {
  auto first = next_delivery_attempt(1, t0, t0);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first - t0, 10s);
  auto second = next_delivery_attempt(2, t0, t0 + 10s);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second - (t0 + 10s), 20s);
}

TEST(DeliveryRetry, WaitGrowsButNeverPassesAnHour) {
  auto late = next_delivery_attempt(40, t0, t0 + 10h);
  ASSERT_TRUE(late);
  EXPECT_EQ(*late - (t0 + 10h), 1h);
}

TEST(DeliveryRetry, KeepsTryingForAtLeastFortyEightHours) {
  // Failing every time it is tried, a delivery is still retried at 48 h and given up by 73 h.
  Timestamp at = t0;
  int attempts = 1;
  while (auto next = next_delivery_attempt(attempts, t0, at)) {
    at = *next;
    ++attempts;
  }
  EXPECT_GE(at - t0, 48h);
  EXPECT_LE(at - t0, 73h);
  EXPECT_FALSE(next_delivery_attempt(attempts, t0, t0 + 72h));
}

TEST(DeliveryRetry, JitterAddsAtMostAFifth) {
  auto plain = next_delivery_attempt(3, t0, t0);
  auto spread = next_delivery_attempt(3, t0, t0, 0.999);
  ASSERT_TRUE(plain && spread);
  EXPECT_GT(*spread, *plain);
  EXPECT_LE(*spread - t0, (*plain - t0) * 6 / 5);
}
