// Timestamps and dates are written exactly as date::format writes them (the API's spelling),
// for every instant of years 0000-9999, whole seconds, UTC.
#include "core/time.hpp"

#include <date/date.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace enlace::core {
namespace {

// -62167219200000 ms is 0000-01-01T00:00:00Z; 253402300799999 ms is 9999-12-31T23:59:59.999Z.
constexpr std::int64_t kFirstMs = -62167219200000;
constexpr std::int64_t kLastMs = 253402300799999;

TEST(TimeFormat, KnownInstants) {
  EXPECT_EQ(format_timestamp(from_millis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(from_millis(1796418343999)), "2026-12-04T21:05:43Z");
  EXPECT_EQ(format_timestamp(from_millis(-1)), "1969-12-31T23:59:59Z") << "floors, not rounds";
  EXPECT_EQ(format_timestamp(from_millis(kFirstMs)), "0000-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(from_millis(kLastMs)), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
}

RC_GTEST_PROP(TimeFormatProperty, SameAsDateFormat, ()) {
  const auto ms = *rc::gen::inRange<std::int64_t>(kFirstMs, kLastMs + 1);
  const auto t = from_millis(ms);
  RC_ASSERT(format_timestamp(t) == date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t)));
  RC_ASSERT(format_date(date_of(t)) == date::format("%F", date_of(t)));
  RC_ASSERT(parse_timestamp(format_timestamp(t)) == std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace
}  // namespace enlace::core
