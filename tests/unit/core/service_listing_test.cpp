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
  d.capacity_available = -1;
  d.status = "open";
  d.expected_wait_days = 99999;
  auto e = make_service_listing(d, kNow).error();
  EXPECT_TRUE(names_field(e, "languages[1]"));
  EXPECT_TRUE(names_field(e, "languages[2]"));
  EXPECT_TRUE(names_field(e, "territory_ids[1]"));
  EXPECT_TRUE(names_field(e, "max_age"));
  EXPECT_TRUE(names_field(e, "capacity_available"));
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

TEST(ServiceListing, WhereaboutsAreCheckedAndTheScheduleIsOrdered) {
  auto d = valid();
  d.address = "Av. Amazonas N24-03, Quito";
  d.phone = "+593 2 255-1234";
  d.location = GeoPointDraft{-0.1807, -78.4678};
  d.schedule = std::vector<OpeningDraft>{{5, "22:00", "06:00"}, {1, "13:00", "16:00"},
                                         {1, "08:00", "12:00"}};
  d.capacity_available = 0;
  auto s = make_service_listing(d, kNow);
  ASSERT_TRUE(s) << enlace::core::testing::fields_of(s.error());
  EXPECT_EQ(s->address, "Av. Amazonas N24-03, Quito");
  EXPECT_EQ(s->location, (GeoPoint{-0.1807, -78.4678}));
  ASSERT_EQ(s->schedule.size(), 3u);
  EXPECT_EQ(s->schedule[0], (OpeningPeriod{1, 8 * 60, 12 * 60}));
  EXPECT_EQ(s->schedule[2], (OpeningPeriod{5, 22 * 60, 6 * 60}));
  EXPECT_EQ(s->capacity_available, 0);
}

TEST(ServiceListing, RefusesBadWhereabouts) {
  auto d = valid();
  d.phone = "call us";
  d.location = GeoPointDraft{91.0, std::nullopt};
  d.schedule = std::vector<OpeningDraft>{{0, "08:00", "12:00"}, {2, "8:00", "24:00"},
                                         {3, "09:00", "09:00"}, {4, "24:00", "10:00"}};
  auto e = make_service_listing(d, kNow).error();
  EXPECT_TRUE(names_field(e, "phone"));
  EXPECT_TRUE(names_field(e, "location.lat"));
  EXPECT_TRUE(names_field(e, "location.lon"));
  EXPECT_TRUE(names_field(e, "schedule[0].weekday"));
  EXPECT_TRUE(names_field(e, "schedule[1].opens"));
  EXPECT_TRUE(names_field(e, "schedule[2].closes"));
  EXPECT_TRUE(names_field(e, "schedule[3].opens"));
}

TEST(ServiceListing, OpenNowNeedsASchedule) {
  auto d = valid();
  auto s = make_service_listing(d, kNow);
  ASSERT_TRUE(s);
  EXPECT_FALSE(is_open_now(*s, "", kNow));
  d.schedule = std::vector<OpeningDraft>{{2, "11:00", "13:00"}};  // kNow is Tuesday 12:00Z
  s = make_service_listing(d, kNow);
  ASSERT_TRUE(s);
  EXPECT_TRUE(is_open_now(*s, "", kNow));
  EXPECT_FALSE(is_open_now(*s, "America/Guayaquil", kNow));  // 07:00 there
}
