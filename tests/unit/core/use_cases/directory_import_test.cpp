// `enlace directory import` as a use case on in-memory ports: what a file adds, updates and
// leaves alone, the event each change leaves (the API's own), and errors named by the
// record's place in the file.
#include "core/use_cases/directory_import.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_directory_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryDirectory;
using testing::RecordedAudit;

class DirectoryImportUseCase : public ::testing::Test {
 protected:
  MemoryDirectory directory;
  MemoryAuditTrail audit;
  DirectoryPorts ports{directory, audit};
  Timestamp now = at("2026-12-07T09:00:00Z");

  // A file naming the store's country, a new province under it, one known and one new
  // category, org-a unchanged, a new organisation, and one service of the new organisation.
  static DirectoryImport file() {
    DirectoryImport f;
    f.territories.push_back({"t-ec", {"Ecuador", TerritoryLevel::country, std::nullopt, "EC", std::nullopt}});
    f.territories.push_back(
        {"t-imb", {"Imbabura", TerritoryLevel::province, std::string("t-ec"), std::nullopt, std::nullopt}});
    f.categories = {{"shelter", "Shelter"}, {"legal_aid", "Legal aid"}};
    OrganizationDraft same;
    same.name = "Organisation org-a";
    same.kind = "municipal_office";
    same.territory_id = "t-quito";
    OrganizationDraft added;
    added.name = "Casa Ibarra";
    added.kind = "civil_society";
    added.territory_id = "t-imb";
    f.organizations = {{"org-a", same}, {"org-new", added}};
    ServiceDraft s;
    s.organization_id = "org-new";
    s.category = "legal_aid";
    s.name = "Asesoría";
    s.description = "Papeles";
    s.languages = std::vector<std::string>{"es"};
    s.territory_ids = std::vector<std::string>{"t-imb"};
    s.status = "active";
    s.accepting = true;
    f.services = {{"svc-new", s}};
    return f;
  }
};

TEST_F(DirectoryImportUseCase, AddsWhatIsMissingLeavesWhatIsTheSameAndAuditsEachChange) {
  auto r = import_directory(ports, file(), now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->territories.added, 1);
  EXPECT_EQ(r->territories.unchanged, 1);
  EXPECT_EQ(r->categories.added, 1);
  EXPECT_EQ(r->categories.unchanged, 1);
  EXPECT_EQ(r->organizations.added, 1);
  EXPECT_EQ(r->organizations.unchanged, 1);
  EXPECT_EQ(r->services.added, 1);
  EXPECT_EQ(directory.territory_rows.at("t-imb").territory.parent_id, "t-ec");
  EXPECT_EQ(directory.service_rows.at("svc-new").listing.organization_id, "org-new");
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"territory.create", "territory", "t-imb", "ok"},
                              {"category.create", "category", "legal_aid", "ok"},
                              {"organization.create", "organization", "org-new", "ok"},
                              {"service.create", "service", "svc-new", "ok"},
                          }));

  // The same file again changes nothing and leaves no event.
  audit.events.clear();
  auto again = import_directory(ports, file(), now);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->services.unchanged, 1);
  EXPECT_EQ(again->organizations.unchanged, 2);
  EXPECT_EQ(again->territories.unchanged, 2);
  EXPECT_EQ(again->categories.unchanged, 2);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(DirectoryImportUseCase, AChangedOrganisationIsUpdatedAndKeepsItsCaseSharingWhichHsdsCannotCarry) {
  directory.organization_rows["org-a"].organization.parent_id = "org-b";
  directory.organization_rows["org-a"].organization.shares_cases_with_parent = true;
  auto f = file();
  f.organizations[0].draft.name = "Oficina renombrada";
  f.organizations[0].draft.parent_id = "org-b";  // shares_cases_with_parent left false, as HSDS reads
  auto r = import_directory(ports, f, now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->organizations.updated, 1);
  const auto& stored = directory.organization_rows.at("org-a");
  EXPECT_EQ(stored.organization.name, "Oficina renombrada");
  EXPECT_TRUE(stored.organization.shares_cases_with_parent);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(audit.events[2], (RecordedAudit{"organization.update", "organization", "org-a", "ok"}));
}

TEST_F(DirectoryImportUseCase, AServiceTheStoreRefusesIsNamedByItsPlaceInTheFile) {
  auto f = file();
  f.services.push_back(f.services[0]);
  f.services[1].id = "svc-other";
  f.services[1].draft.territory_ids = std::vector<std::string>{"t-nowhere"};
  auto r = import_directory(ports, f, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  ASSERT_FALSE(r.error().fields.empty());
  EXPECT_EQ(r.error().fields.items()[0].field.rfind("[1].", 0), 0u) << testing::fields_of(r.error());
}

TEST_F(DirectoryImportUseCase, AnInvalidTerritoryIsNamedByItsId) {
  auto f = file();
  f.territories[1].territory.parent_id = "t-missing";
  auto r = import_directory(ports, f, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.items()[0].field, "territory t-imb: parent_id") << testing::fields_of(r.error());
}

}  // namespace
}  // namespace enlace::core
