// core/organization: kinds and contact checks.
#include "core/organization.hpp"

#include "test_support.hpp"

using namespace enlace::core;
using enlace::core::testing::names_field;

TEST(Organization, ValidWithOptionalContactsBlankMeaningNone) {
  auto o = make_organization({"Casa de Acogida Quito", "civil_society", "t-quito", std::nullopt,
                              "", "+593 2 260 0300", false, std::nullopt});
  ASSERT_TRUE(o) << enlace::core::testing::fields_of(o.error());
  EXPECT_EQ(o->kind, OrganizationKind::civil_society);
  EXPECT_FALSE(o->email);
  EXPECT_EQ(o->phone, "+593 2 260 0300");
}

TEST(Organization, PrivateIsSpelledAsTheApiSaysIt) {
  EXPECT_EQ(parse_organization_kind("private"), OrganizationKind::private_sector);
  EXPECT_EQ(to_string(OrganizationKind::private_sector), "private");
  EXPECT_FALSE(parse_organization_kind("private_sector"));
}

TEST(Organization, RefusesUnknownKindMissingTerritoryAndBadContacts) {
  auto e = make_organization(
      {"X", "ngo", std::nullopt, std::nullopt, "not-an-email", "call me", false, std::nullopt}).error();
  EXPECT_TRUE(names_field(e, "kind"));
  EXPECT_TRUE(names_field(e, "territory_id"));
  EXPECT_TRUE(names_field(e, "email"));
  EXPECT_TRUE(names_field(e, "phone"));
}

TEST(Organization, EveryKindOfTheApiParses) {
  for (auto k : {"municipal_office", "help_desk", "national_agency", "civil_society",
                 "international_organization", "migrant_association", "faith_based", "academia",
                 "private"})
    EXPECT_TRUE(parse_organization_kind(k)) << k;
}

TEST(Organization, SharingCasesNeedsAParent) {
  OrganizationDraft d{"Mobile unit", "help_desk", "t-quito", std::nullopt, std::nullopt, std::nullopt, true, std::nullopt};
  EXPECT_TRUE(names_field(make_organization(d).error(), "shares_cases_with_parent"));
  d.parent_id = "o-office";
  auto o = make_organization(d);
  ASSERT_TRUE(o) << enlace::core::testing::fields_of(o.error());
  EXPECT_TRUE(o->shares_cases_with_parent);
}
