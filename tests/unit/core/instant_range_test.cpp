// FHIR date search on instants: prefixes and the value's precision make [from, before).
#include "core/instant_range.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;

InstantRange narrowed(std::initializer_list<std::string_view> values) {
  InstantRange r;
  for (auto v : values) {
    auto n = narrow_instant_range(r, v);
    EXPECT_TRUE(n.has_value()) << v;
    if (n) r = *n;
  }
  return r;
}

TEST(InstantRangeTest, ADayWithoutPrefixIsTheWholeDay) {
  auto r = narrowed({"2026-11-24"});
  EXPECT_EQ(r.from, at("2026-11-24T00:00:00Z"));
  EXPECT_EQ(r.before, at("2026-11-25T00:00:00Z"));
  EXPECT_EQ(narrowed({"eq2026-11-24"}).from, r.from);
}

TEST(InstantRangeTest, PrefixesCompareWithTheWholeRangeOfTheValue) {
  EXPECT_EQ(narrowed({"ge2026-11-24"}).from, at("2026-11-24T00:00:00Z"));
  EXPECT_EQ(narrowed({"gt2026-11-24"}).from, at("2026-11-25T00:00:00Z"));
  EXPECT_EQ(narrowed({"lt2026-11-24"}).before, at("2026-11-24T00:00:00Z"));
  EXPECT_EQ(narrowed({"le2026-11-24"}).before, at("2026-11-25T00:00:00Z"));
  EXPECT_FALSE(narrowed({"ge2026-11-24"}).before);
  EXPECT_FALSE(narrowed({"le2026-11-24"}).from);
}

TEST(InstantRangeTest, InstantsAreSecondsOrMillisecondsAndOffsetsCount) {
  auto s = narrowed({"2026-11-24T10:00:00Z"});
  EXPECT_EQ(s.from, at("2026-11-24T10:00:00Z"));
  EXPECT_EQ(*s.before - *s.from, std::chrono::milliseconds{1000});
  auto ms = narrowed({"gt2026-11-24T10:00:00.250Z"});
  EXPECT_EQ(ms.from, at("2026-11-24T10:00:00Z") + std::chrono::milliseconds{251});
  EXPECT_EQ(narrowed({"ge2026-11-24T12:00:00+02:00"}).from, at("2026-11-24T10:00:00Z"));
}

TEST(InstantRangeTest, RepeatedValuesNarrowBothEnds) {
  auto r = narrowed({"ge2026-11-01", "lt2026-12-01", "ge2026-11-10", "lt2026-12-31"});
  EXPECT_EQ(r.from, at("2026-11-10T00:00:00Z"));
  EXPECT_EQ(r.before, at("2026-12-01T00:00:00Z"));
}

TEST(InstantRangeTest, OtherPrefixesAndMalformedValuesAreInvalid) {
  for (auto bad : {"ne2026-11-24", "sa2026-11-24", "eb2026-11-24", "ap2026-11-24", "2026-11",
                   "2026-13-01", "ge", "", "tomorrow", "2026-11-24T10:00Z", "GE2026-11-24"}) {
    auto r = narrow_instant_range({}, bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_EQ(r.error().fields.items().at(0).field, "_lastUpdated");
  }
}

}  // namespace
}  // namespace enlace::core
