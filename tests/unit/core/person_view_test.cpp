// The person's view: tracking code and PIN formats, the lock-out, respond-link expiry.
#include "core/person_view.hpp"

#include <gtest/gtest.h>

namespace enlace::core {
namespace {

Timestamp at(std::int64_t ms) { return from_millis(ms); }

TEST(PersonViewTest, TrackingCodeIsEightCrockfordCharacters) {
  EXPECT_EQ(tracking_code_from({0, 0, 0, 0, 0}), "00000000");
  EXPECT_EQ(tracking_code_from({0xFF, 0xFF, 0xFF, 0xFF, 0xFF}), "ZZZZZZZZ");
  auto code = tracking_code_from({0x12, 0x34, 0x56, 0x78, 0x9A});
  ASSERT_EQ(code.size(), 8u);
  EXPECT_EQ(code.find_first_of("ILOU"), std::string::npos);
  EXPECT_EQ(normalize_tracking_code(code), code);
}

TEST(PersonViewTest, TypedCodesForgiveCaseLookalikesAndHyphens) {
  EXPECT_EQ(normalize_tracking_code("abcd-efgh"), "ABCDEFGH");
  EXPECT_EQ(normalize_tracking_code("oIlo 1234"), "01101234");
  EXPECT_EQ(normalize_tracking_code("ABCDEFG"), std::nullopt);
  EXPECT_EQ(normalize_tracking_code("ABCDEFGHJ"), std::nullopt);
  EXPECT_EQ(normalize_tracking_code("ABCDEFGU"), std::nullopt);
  EXPECT_EQ(normalize_tracking_code("ABCD*FGH"), std::nullopt);
}

TEST(PersonViewTest, PinIsSixDigits) {
  EXPECT_TRUE(is_pin("012345"));
  EXPECT_FALSE(is_pin("12345"));
  EXPECT_FALSE(is_pin("1234567"));
  EXPECT_FALSE(is_pin("12345a"));
}

TEST(PersonViewTest, TheFifthWrongPinLocksForAnHour) {
  auto now = at(1'000'000);
  int failures = 0;
  for (int i = 1; i < kPinFailuresBeforeLock; ++i) {
    auto s = after_wrong_pin(failures, now);
    EXPECT_EQ(s.failures, i);
    EXPECT_FALSE(s.locked_until);
    failures = s.failures;
  }
  auto locked = after_wrong_pin(failures, now);
  ASSERT_TRUE(locked.locked_until);
  EXPECT_EQ(*locked.locked_until, now + std::chrono::hours(1));
  EXPECT_EQ(locked.failures, 0);
  EXPECT_EQ(pin_lock_seconds_left(locked.locked_until, now), 3600);
  EXPECT_EQ(pin_lock_seconds_left(locked.locked_until, now + std::chrono::minutes(59)), 60);
  EXPECT_EQ(pin_lock_seconds_left(locked.locked_until, now + std::chrono::hours(1)), 0);
  EXPECT_EQ(pin_lock_seconds_left(std::nullopt, now), 0);
}

TEST(PersonViewTest, FeedbackOutcomesRoundTrip) {
  for (auto name : kFeedbackOutcomes) {
    auto v = parse_feedback_outcome(name);
    ASSERT_TRUE(v) << name;
    EXPECT_EQ(to_string(*v), name);
  }
  EXPECT_FALSE(parse_feedback_outcome("service_provided"));
}

TEST(PersonViewTest, RespondLinkDiesThirtyDaysAfterTheReferralCloses) {
  EXPECT_EQ(respond_link_expiry(std::nullopt), std::nullopt);
  EXPECT_EQ(respond_link_expiry(at(0)), at(0) + std::chrono::hours(24 * 30));
}

}  // namespace
}  // namespace enlace::core
