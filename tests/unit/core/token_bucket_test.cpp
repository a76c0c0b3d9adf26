// Rules of the request rate limit's token bucket, as the in-memory limiter and the bucket shared
// through PostgreSQL apply them.
#include "core/token_bucket.hpp"

#include <gtest/gtest.h>

using namespace enlace::core;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {
const Timestamp kNow = from_millis(1'800'000'000'000);
}

TEST(TokenBucketTest, AFreshBucketLetsAMinutesBudgetThroughThenRefuses) {
  auto b = full_bucket(6, kNow);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(take_tokens(b, 6, 1, kNow), 1) << i;
  EXPECT_EQ(take_tokens(b, 6, 1, kNow), 0);
  EXPECT_EQ(seconds_until_token(b.tokens, 6), 10);
}

TEST(TokenBucketTest, RefillsAtTheRateUpToAMinutesWorth) {
  auto b = full_bucket(6, kNow);
  b.tokens = 0;
  EXPECT_EQ(take_tokens(b, 6, 1, kNow + seconds(9)), 0);
  EXPECT_EQ(seconds_until_token(b.tokens, 6), 1);
  EXPECT_EQ(take_tokens(b, 6, 1, kNow + seconds(10)), 1);
  refill(b, 6, kNow + std::chrono::hours(1));
  EXPECT_DOUBLE_EQ(b.tokens, 6.0);
}

TEST(TokenBucketTest, AnEarlierClockNeitherRefillsNorMovesTheBucketBack) {
  auto b = full_bucket(60, kNow);
  b.tokens = 0.5;
  refill(b, 60, kNow - seconds(5));
  EXPECT_DOUBLE_EQ(b.tokens, 0.5);
  EXPECT_EQ(b.at, kNow);
  // The half second another process's clock lagged is not counted twice either.
  refill(b, 60, kNow + milliseconds(500));
  EXPECT_DOUBLE_EQ(b.tokens, 1.0);
}

TEST(TokenBucketTest, ALeaseTakesAllItWantsOrOneOrNone) {
  auto b = full_bucket(600, kNow);
  b.tokens = 25;
  EXPECT_EQ(take_tokens(b, 600, 10, kNow), 10);
  EXPECT_EQ(take_tokens(b, 600, 10, kNow), 10);
  EXPECT_EQ(take_tokens(b, 600, 10, kNow), 1);  // 5 left: one, the rest stays for others
  EXPECT_DOUBLE_EQ(b.tokens, 4.0);
  b.tokens = 0.25;
  EXPECT_EQ(take_tokens(b, 600, 10, kNow), 0);
  EXPECT_DOUBLE_EQ(b.tokens, 0.25);
}

TEST(TokenBucketTest, ALeaseIsASecondsBudgetAndAtLeastOne) {
  EXPECT_EQ(lease_size(5), 1);
  EXPECT_EQ(lease_size(119), 1);
  EXPECT_EQ(lease_size(600), 10);
  EXPECT_EQ(lease_size(1'000'000), 16'666);
}

TEST(TokenBucketTest, NoWaitWhenATokenIsThere) {
  EXPECT_EQ(seconds_until_token(1.0, 6), 0);
  EXPECT_EQ(seconds_until_token(0.99, 6), 1);
  EXPECT_EQ(seconds_until_token(-3.0, 60), 4);
}
