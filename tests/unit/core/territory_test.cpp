// core/territory: levels, codes and the parent rule.
#include "core/territory.hpp"

#include "test_support.hpp"

using namespace enlace::core;
using enlace::core::testing::names_field;

TEST(Territory, CountryWithIsoCodeAndNoParent) {
  auto t = make_territory({"  Ecuador ", "country", std::nullopt, "EC", std::nullopt});
  ASSERT_TRUE(t) << enlace::core::testing::fields_of(t.error());
  EXPECT_EQ(t->name, "Ecuador");
  EXPECT_EQ(t->level, TerritoryLevel::country);
  EXPECT_EQ(t->code, "EC");
}

TEST(Territory, ProvinceNeedsAParentAndTakesIso31662) {
  EXPECT_TRUE(names_field(make_territory({"Pichincha", "province", std::nullopt, "EC-P", std::nullopt}).error(),
                          "parent_id"));
  EXPECT_TRUE(make_territory({"Pichincha", "province", "t-ec", "EC-P", std::nullopt}));
}

TEST(Territory, CountryRefusesAParentAndAnUnassignedCode) {
  auto e = make_territory({"X", "country", "t-1", "XK", std::nullopt}).error();
  EXPECT_TRUE(names_field(e, "parent_id"));
  EXPECT_TRUE(names_field(e, "code"));
}

TEST(Territory, ReportsEveryBadFieldAtOnce) {
  auto e = make_territory({"", "region", std::nullopt, "bad code!", std::nullopt}).error();
  EXPECT_TRUE(names_field(e, "name"));
  EXPECT_TRUE(names_field(e, "level"));
  EXPECT_TRUE(names_field(e, "code"));
}

TEST(Territory, ParentMustBeHigherInTheTree) {
  EXPECT_TRUE(check_territory_parent(TerritoryLevel::province, TerritoryLevel::country));
  EXPECT_TRUE(check_territory_parent(TerritoryLevel::district, TerritoryLevel::province));
  EXPECT_FALSE(check_territory_parent(TerritoryLevel::province, TerritoryLevel::province));
  EXPECT_FALSE(check_territory_parent(TerritoryLevel::country, TerritoryLevel::municipality));
}

TEST(Territory, LevelNamesRoundTrip) {
  for (const auto& row : kTerritoryLevelNames) EXPECT_EQ(parse_territory_level(row.name), row.value);
  EXPECT_FALSE(parse_territory_level("Country"));
}

TEST(Territory, TimeZoneIsOptionalAndMustBeAnIanaName) {
  TerritoryDraft d{"Ecuador", "country", std::nullopt, "EC", std::nullopt};
  auto none = make_territory(d);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->time_zone);
  d.time_zone = "America/Guayaquil";
  EXPECT_EQ(make_territory(d)->time_zone, "America/Guayaquil");
  d.time_zone = "Ecuador/Quito";
  auto bad = make_territory(d);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(names_field(bad.error(), "time_zone"));
}
