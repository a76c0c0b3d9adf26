// The directory use cases on in-memory ports: who may change which listing, organisation,
// territory or category, what each change leaves (the record and its one audit event), and
// that a refusal leaves neither (the directory is not personal data: its refusals roll back
// unaudited, as they always were).
#include "core/use_cases/categories.hpp"
#include "core/use_cases/directory_feed.hpp"
#include "core/use_cases/organizations.hpp"
#include "core/use_cases/service_listings.hpp"
#include "core/use_cases/territories.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_directory_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryDirectory;
using testing::names_field;
using testing::RecordedAudit;

class DirectoryUseCases : public ::testing::Test {
 protected:
  MemoryDirectory directory;
  MemoryAuditTrail audit;
  DirectoryPorts ports{directory, audit};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor admin_a{"u-admin-a", "org-a", {Role::org_admin}, ""};
  Actor admin_b{"u-admin-b", "org-b", {Role::org_admin}, ""};
  Actor caseworker_a{"u-cw-a", "org-a", {Role::caseworker}, ""};
  Actor coordinator{"u-coord", "org-b", {Role::coordinator}, ""};
  Actor system_admin{"u-sys", "", {Role::system_admin}, ""};

  static ServiceDraft listing() {
    ServiceDraft d;
    d.category = "shelter";
    d.name = "Albergue";
    d.description = "Camas";
    d.languages = std::vector<std::string>{"es"};
    d.territory_ids = std::vector<std::string>{"t-quito"};
    d.status = "active";
    d.accepting = true;
    return d;
  }
  // A listing of org-a, created by its org_admin, the events forgotten.
  ServiceRecord listed(const std::string& id = "svc-1") {
    auto r = create_service(ports, admin_a, listing(), id, now);
    EXPECT_TRUE(r.has_value());
    audit.events.clear();
    return *r;
  }
  static ServicePatch patch_of(ServiceDraft values, std::initializer_list<const char*> keys) {
    ServicePatch p;
    p.values = std::move(values);
    for (const char* k : keys) p.sent.emplace(k);
    return p;
  }
  static OrganizationDraft organization() {
    OrganizationDraft d;
    d.name = "Casa Refugio";
    d.kind = "civil_society";
    d.territory_id = "t-quito";
    return d;
  }
};

// --- service listings -------------------------------------------------------------------

TEST_F(DirectoryUseCases, AnOrgAdminListsAServiceOfTheirOwnOrganisationAndItIsAudited) {
  auto r = create_service(ports, admin_a, listing(), "svc-1", now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->listing.organization_id, "org-a");  // none named: the actor's own
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(directory.service_rows.count("svc-1"));
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"service.create", "service", "svc-1", "ok"}}));
}

TEST_F(DirectoryUseCases, ListingAServiceForAnotherOrganisationIsForbiddenAndLeavesNothing) {
  auto d = listing();
  d.organization_id = "org-b";
  auto r = create_service(ports, admin_a, d, "svc-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(r.error().detail, "You manage your own organisation's services only.");
  EXPECT_TRUE(directory.service_rows.empty());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, OnlyAnOrgAdminListsServices) {
  for (const Actor& a : {caseworker_a, coordinator, system_admin}) {
    auto r = create_service(ports, a, listing(), "svc-1", now);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::forbidden) << a.user_id;
  }
  EXPECT_TRUE(directory.service_rows.empty());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AListingThatDoesNotHoldIsInvalidAndLeavesNothing) {
  auto d = listing();
  d.name.reset();
  auto r = create_service(ports, admin_a, d, "svc-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "name"));

  d = listing();
  d.territory_ids = std::vector<std::string>{"t-quito", "t-nowhere"};  // the store's check
  r = create_service(ports, admin_a, d, "svc-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "territory_ids[1]"));
  EXPECT_TRUE(directory.service_rows.empty());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, APatchChangesWhatItSendsAndKeepsTheRest) {
  listed();
  ServiceDraft values;
  values.name = "Albergue Norte";
  values.description.reset();  // sent as null: cleared
  values.capacity_available = 4;
  auto r = update_service(ports, admin_a, "svc-1", 1,
                          patch_of(values, {"name", "description", "capacity"}), now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->listing.name, "Albergue Norte");
  EXPECT_FALSE(r->listing.description.has_value());
  EXPECT_EQ(r->listing.capacity_available, 4);  // `capacity` is its older name
  EXPECT_EQ(r->capacity_updated_at, now);
  EXPECT_EQ(r->listing.category, "shelter");  // not sent: kept
  EXPECT_EQ(r->listing.languages, std::vector<std::string>{"es"});
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"service.update", "service", "svc-1", "ok"}}));
}

TEST_F(DirectoryUseCases, AnotherOrganisationsListingIsForbiddenBeforeItsVersionIsLookedAt) {
  listed();
  ServiceDraft values;
  values.name = "Taken over";
  auto r = update_service(ports, admin_b, "svc-1", 7, patch_of(values, {"name"}), now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(directory.service_rows.at("svc-1").listing.name, "Albergue");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AStaleVersionIsRefusedAndChangesNothing) {
  listed();
  ServiceDraft values;
  values.name = "Late";
  auto r = update_service(ports, admin_a, "svc-1", 2, patch_of(values, {"name"}), now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::stale);
  EXPECT_EQ(directory.service_rows.at("svc-1").version, 1);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AListingCannotBeHandedToAnOrganisationTheActorDoesNotManage) {
  listed();
  ServiceDraft values;
  values.organization_id = "org-b";
  auto r = update_service(ports, admin_a, "svc-1", 1, patch_of(values, {"organization_id"}), now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(directory.service_rows.at("svc-1").listing.organization_id, "org-a");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, APatchOfAnUnknownListingIsNotFound) {
  auto r = update_service(ports, admin_a, "svc-none", 1, ServicePatch{}, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, APatchThatBreaksTheListingIsInvalid) {
  listed();
  ServiceDraft values;  // territory_ids sent as null: a listing must cover somewhere
  auto r = update_service(ports, admin_a, "svc-1", 1, patch_of(values, {"territory_ids"}), now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "territory_ids"));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, TheOwnersOrgAdminOrACoordinatorVerifiesAListing) {
  listed();
  auto later = now + std::chrono::hours(1);
  auto by_coordinator = verify_service(ports, coordinator, "svc-1", later);
  ASSERT_TRUE(by_coordinator.has_value());
  EXPECT_EQ(by_coordinator->listing.last_verified_at, later);
  auto by_owner = verify_service(ports, admin_a, "svc-1", later);
  ASSERT_TRUE(by_owner.has_value());
  EXPECT_EQ(by_owner->version, 3);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"service.verify", "service", "svc-1", "ok"},
                                                      {"service.verify", "service", "svc-1", "ok"}}));
}

TEST_F(DirectoryUseCases, AnotherOrganisationsAdminDoesNotVerifyAListing) {
  listed();
  auto r = verify_service(ports, admin_b, "svc-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(r.error().detail, "The owner's org_admin or a coordinator verifies a listing.");
  EXPECT_EQ(directory.service_rows.at("svc-1").version, 1);
  EXPECT_FALSE(verify_service(ports, coordinator, "svc-none", now).has_value());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, ASearchJudgesOpenNowAndStaleAtTheRequestsTime) {
  listed();
  ServiceFilter f;
  f.open_now = true;
  f.stale = false;
  auto rows = find_services(directory, f, now);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(rows->size(), 1u);
  ASSERT_EQ(directory.service_queries.size(), 1u);
  EXPECT_EQ(directory.service_queries[0].open_at, now);
  EXPECT_EQ(directory.service_queries[0].stale_before, now - kStaleAfter);
  EXPECT_TRUE(read_service(directory, "svc-1").has_value());
  EXPECT_EQ(read_service(directory, "svc-2").error().code, ErrorCode::not_found);
  EXPECT_TRUE(audit.events.empty());  // reads audit nothing
}

// --- organisations ----------------------------------------------------------------------

TEST_F(DirectoryUseCases, ASystemAdminAddsAnOrganisationAndItIsAudited) {
  auto r = create_organization(ports, system_admin, organization(), "org-c", now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->organization.kind, OrganizationKind::civil_society);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"organization.create", "organization", "org-c", "ok"}}));
}

TEST_F(DirectoryUseCases, OnlyASystemAdminAddsOrChangesOrganisations) {
  auto r = create_organization(ports, admin_a, organization(), "org-c", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  OrganizationPatch p;
  p.values.name = "Renamed";
  p.sent.emplace("name");
  auto u = update_organization(ports, admin_a, "org-a", 1, p, now);
  ASSERT_FALSE(u.has_value());
  EXPECT_EQ(u.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(directory.organization_rows.count("org-c"));
  EXPECT_EQ(directory.organization_rows.at("org-a").organization.name, "Organisation org-a");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AnOrganisationInAnUnknownTerritoryIsInvalid) {
  auto d = organization();
  d.territory_id = "t-nowhere";
  auto r = create_organization(ports, system_admin, d, "org-c", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "territory_id"));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AnOrganisationPatchMergesAndChecksItsVersion) {
  OrganizationPatch p;
  p.values.email = "info@example.org";
  p.values.parent_id = "org-b";
  p.values.shares_cases_with_parent = true;
  p.sent = {"email", "parent_id", "shares_cases_with_parent"};
  auto stale = update_organization(ports, system_admin, "org-a", 3, p, now);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::stale);
  EXPECT_EQ(update_organization(ports, system_admin, "org-z", 1, p, now).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(audit.events.empty());

  auto r = update_organization(ports, system_admin, "org-a", 1, p, now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->organization.email, "info@example.org");
  EXPECT_EQ(r->organization.parent_id, "org-b");
  EXPECT_TRUE(r->organization.shares_cases_with_parent);
  EXPECT_EQ(r->organization.name, "Organisation org-a");  // not sent: kept
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"organization.update", "organization", "org-a", "ok"}}));

  OrganizationPatch clear;  // parent_id sent as null while still sharing with it
  clear.sent = {"parent_id"};
  auto bad = update_organization(ports, system_admin, "org-a", 2, clear, now);
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(names_field(bad.error(), "shares_cases_with_parent"));
}

TEST_F(DirectoryUseCases, OrganisationsAreReadAfterTheCursor) {
  auto rows = list_organizations(directory, "org-a", 50);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].id, "org-b");
  EXPECT_EQ(read_organization(directory, "org-x").error().code, ErrorCode::not_found);
}

// --- territories and categories -----------------------------------------------------------

TEST_F(DirectoryUseCases, ASystemAdminAddsATerritoryUnderAKnownParent) {
  TerritoryDraft d;
  d.name = "Cumbayá";
  d.level = "district";
  d.parent_id = "t-quito";
  auto r = create_territory(ports, system_admin, d, "t-cumbaya", now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"territory.create", "territory", "t-cumbaya", "ok"}}));
  TerritoryFilter children;
  children.parent_id = "t-quito";
  auto listed_children = list_territories(directory, children);
  ASSERT_TRUE(listed_children.has_value());
  ASSERT_EQ(listed_children->size(), 1u);
  EXPECT_EQ((*listed_children)[0].id, "t-cumbaya");
}

TEST_F(DirectoryUseCases, ATerritoryUnderAnUnknownParentOrByAnotherRoleIsRefused) {
  TerritoryDraft d;
  d.name = "Nowhere";
  d.level = "district";
  d.parent_id = "t-none";
  auto r = create_territory(ports, system_admin, d, "t-x", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "parent_id"));
  d.parent_id = "t-quito";
  auto denied = create_territory(ports, admin_a, d, "t-x", now);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(directory.territory_rows.count("t-x"));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, ASystemAdminAddsACategory) {
  auto r = create_category(ports, system_admin, {"legal_aid", "  Legal aid "}, now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->name, "Legal aid");  // trimmed
  EXPECT_EQ(r->created_at, now);
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"category.create", "category", "legal_aid", "ok"}}));
  auto after = list_categories(directory, "health");
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->size(), 2u);  // legal_aid, shelter
  EXPECT_EQ((*after)[0].code, "legal_aid");
}

TEST_F(DirectoryUseCases, ABadOrTakenCategoryIsInvalidAndOnlyASystemAdminAddsOne) {
  auto bad = create_category(ports, system_admin, {"Legal-Aid", std::string(101, 'x')}, now);
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(names_field(bad.error(), "code"));  // both at once
  EXPECT_TRUE(names_field(bad.error(), "name"));
  auto taken = create_category(ports, system_admin, {"shelter", "Shelter"}, now);
  ASSERT_FALSE(taken.has_value());
  EXPECT_TRUE(names_field(taken.error(), "code"));
  auto denied = create_category(ports, admin_a, {"legal_aid", "Legal aid"}, now);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  EXPECT_EQ(directory.category_rows.size(), 2u);
  EXPECT_TRUE(audit.events.empty());
}

// --- the HSDS feed -----------------------------------------------------------------------

TEST_F(DirectoryUseCases, AFeedServiceCarriesItsOrganisationCategoryNameAndTerritoryPaths) {
  listed("svc-1");
  directory.category_rows["shelter"].name = "Shelter";
  auto s = gather_hsds_service(directory, "svc-1");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->category_name, "Shelter");
  EXPECT_EQ(s->organization.record.id, "org-a");
  ASSERT_EQ(s->organization.home.size(), 2u);  // Quito, then Ecuador
  EXPECT_EQ(s->organization.home[1].id, "t-ec");
  ASSERT_EQ(s->areas.size(), 1u);
  EXPECT_EQ(s->areas[0][0].id, "t-quito");
  EXPECT_EQ(gather_hsds_service(directory, "svc-none").error().code, ErrorCode::not_found);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryUseCases, AFeedPageGathersItsWindowAndCountsEveryMatch) {
  for (const char* id : {"svc-1", "svc-2", "svc-3"}) listed(id);
  auto page = hsds_service_page(directory, {std::nullopt, 1, 1});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].record.id, "svc-2");
  auto orgs = hsds_organization_page(directory, {std::nullopt, 0, 50});
  ASSERT_TRUE(orgs.has_value());
  EXPECT_EQ(orgs->total, 2);
  auto with_services = gather_hsds_organization_with_services(directory, "org-a");
  ASSERT_TRUE(with_services.has_value());
  EXPECT_EQ(with_services->services.size(), 3u);
  EXPECT_TRUE(gather_hsds_organization_with_services(directory, "org-b")->services.empty());
}

}  // namespace
}  // namespace enlace::core
