// core/service_listing: every field's rule, the search key and the stale flag.
#include "core/service_listing.hpp"

#include "test_support.hpp"

using namespace enlace::core;
using enlace::core::testing::at;
using enlace::core::testing::names_field;

namespace {
ServiceDraft valid() {
  ServiceDraft d;
  d.organization_id = "o-1";
  d.category = "shelter";
  d.name = "Albergue Temporal";
  d.description = "Camas para FAMILIAS";
  d.languages = std::vector<std::string>{"es", "en"};
  d.territory_ids = std::vector<std::string>{"t-quito"};
  d.status = "active";
  d.accepting = true;
  return d;
}
const Timestamp kNow = at("2026-11-24T12:00:00Z");
}  // namespace

TEST(ServiceListing, ValidDraftGetsAFoldedSearchKey) {
  auto s = make_service_listing(valid(), kNow);
  ASSERT_TRUE(s) << enlace::core::testing::fields_of(s.error());
  EXPECT_EQ(s->name_key, "albergue temporal camas para familias");
  EXPECT_EQ(s->languages, (std::vector<std::string>{"es", "en"}));
}

TEST(ServiceListing, RequiredFieldsAreNamed) {
  auto e = make_service_listing(ServiceDraft{}, kNow).error();
  for (auto f : {"organization_id", "category", "name", "languages", "territory_ids", "status",
                 "accepting"})
    EXPECT_TRUE(names_field(e, f)) << f;
}

TEST(ServiceListing, RefusesBadCodesRangesAndRepeats) {
  auto d = valid();
  d.languages = std::vector<std::string>{"es", "spa", "es"};
  d.territory_ids = std::vector<std::string>{"t-1", "t-1"};
  d.min_age = 18;
  d.max_age = 5;
  d.capacity = -1;
  d.status = "open";
  d.expected_wait_days = 99999;
  auto e = make_service_listing(d, kNow).error();
  EXPECT_TRUE(names_field(e, "languages[1]"));
  EXPECT_TRUE(names_field(e, "languages[2]"));
  EXPECT_TRUE(names_field(e, "territory_ids[1]"));
  EXPECT_TRUE(names_field(e, "max_age"));
  EXPECT_TRUE(names_field(e, "capacity"));
  EXPECT_TRUE(names_field(e, "status"));
  EXPECT_TRUE(names_field(e, "expected_wait_days"));
}

TEST(ServiceListing, LastVerifiedTakesTimestampOrDateButNotTheFuture) {
  auto d = valid();
  d.last_verified_at = "2026-06-01";
  ASSERT_TRUE(make_service_listing(d, kNow));
  EXPECT_EQ(make_service_listing(d, kNow)->last_verified_at, at("2026-06-01T00:00:00Z"));
  d.last_verified_at = "2026-11-25T00:00:00Z";
  EXPECT_TRUE(names_field(make_service_listing(d, kNow).error(), "last_verified_at"));
  d.last_verified_at = "last week";
  EXPECT_TRUE(names_field(make_service_listing(d, kNow).error(), "last_verified_at"));
}

TEST(ServiceListing, StaleWhenNeverVerifiedOrOlderThan183Days) {
  EXPECT_TRUE(is_stale(std::nullopt, kNow));
  EXPECT_FALSE(is_stale(kNow - std::chrono::days(183), kNow));
  EXPECT_TRUE(is_stale(kNow - std::chrono::days(183) - std::chrono::seconds(1), kNow));
  EXPECT_FALSE(is_stale(kNow, kNow));
}
