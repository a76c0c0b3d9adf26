// storage::Directory on real SQLite: ancestor coverage, the tree walks, and the stored JSON
// lists and settings read back intact.
#include "core/service_listing.hpp"
#include "core/territory.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/organization_repository.hpp"
#include "storage/settings_repository.hpp"
#include "storage/territory_repository.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace enlace;

namespace {

class DirectoryLookups : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/enlace-dir-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/t.db";
    ASSERT_TRUE(storage::migrate(path_));
    conn_.emplace(storage::Connection::open(path_, {.read_only = false}));
    conn_->exec("BEGIN");
    tx_.emplace(*conn_);
    territory("ec", core::TerritoryLevel::country, "");
    territory("pichincha", core::TerritoryLevel::province, "ec");
    territory("quito", core::TerritoryLevel::municipality, "pichincha");
    territory("imbabura", core::TerritoryLevel::province, "ec");
    core::Organization org{"Org", core::OrganizationKind::civil_society, "quito", {}, {}, {}};
    ASSERT_TRUE(storage::OrganizationRepository::insert(*tx_, "org", org, now_));
    service("national", {"ec"});
    service("provincial", {"pichincha"});
    service("city", {"quito"});
    service("north", {"imbabura"});
  }
  void TearDown() override {
    tx_.reset();
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }
  void territory(const std::string& id, core::TerritoryLevel level, const std::string& parent) {
    core::Territory t{id, level, {}, {}, {}};
    if (!parent.empty()) t.parent_id = parent;
    ASSERT_TRUE(storage::TerritoryRepository::insert(*tx_, id, t, now_));
  }
  void service(const std::string& id, std::vector<std::string> territories) {
    core::ServiceDraft d;
    d.organization_id = "org";
    d.category = "shelter";
    d.name = id;
    d.languages = std::vector<std::string>{"es"};
    d.territory_ids = territories;
    d.required_documents = std::vector<std::string>{"Cédula \"original\"", "back\\slash"};
    d.status = "active";
    d.accepting = true;
    auto listing = core::make_service_listing(d, now_);
    ASSERT_TRUE(listing);
    ASSERT_TRUE(storage::ServiceRepository::insert(*tx_, id, *listing, now_));
  }
  std::vector<std::string> covering(const std::string& territory) {
    std::vector<std::string> out;
    for (const auto& s : storage::Directory::services_covering(*tx_, "shelter", territory))
      out.push_back(s.id);
    return out;
  }

  std::string dir_, path_;
  std::optional<storage::Connection> conn_;
  std::optional<storage::WriteTxn> tx_;
  core::Timestamp now_ = *core::parse_timestamp("2026-11-24T12:00:00Z");
};

}  // namespace

TEST_F(DirectoryLookups, ServicesCoveringIncludeAncestorsNotSiblingsOrChildren) {
  EXPECT_EQ(covering("quito"), (std::vector<std::string>{"city", "national", "provincial"}));
  EXPECT_EQ(covering("pichincha"), (std::vector<std::string>{"national", "provincial"}));
  EXPECT_EQ(covering("imbabura"), (std::vector<std::string>{"national", "north"}));
  EXPECT_TRUE(storage::Directory::services_covering(*tx_, "food", "quito").empty());
  EXPECT_TRUE(covering("nowhere").empty());
}

TEST_F(DirectoryLookups, AncestorsAndSubtree) {
  EXPECT_EQ(storage::Directory::territory_ancestors(*tx_, "quito"),
            (std::vector<std::string>{"quito", "pichincha", "ec"}));
  EXPECT_EQ(storage::Directory::territory_subtree(*tx_, "ec"),
            (std::vector<std::string>{"ec", "imbabura", "pichincha", "quito"}));
  EXPECT_TRUE(storage::Directory::territory_ancestors(*tx_, "nowhere").empty());
  EXPECT_TRUE(storage::Directory::organization_exists(*tx_, "org"));
  EXPECT_FALSE(storage::Directory::organization_exists(*tx_, "other"));
}

TEST_F(DirectoryLookups, ServiceListsRoundTripThroughJson) {
  auto s = storage::Directory::find_service(*tx_, "city");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->listing.required_documents,
            (std::vector<std::string>{"Cédula \"original\"", "back\\slash"}));
  EXPECT_EQ(s->listing.languages, (std::vector<std::string>{"es"}));
  EXPECT_EQ(s->listing.territory_ids, (std::vector<std::string>{"quito"}));
  EXPECT_FALSE(storage::Directory::find_service(*tx_, "none"));
}

TEST_F(DirectoryLookups, ResponseStandardsStartAtDefaultsAndSaveWithVersion) {
  auto initial = storage::SettingsRepository::response_standards(*tx_);
  EXPECT_EQ(initial.version, 1);
  EXPECT_EQ(initial.standards.hours.at(core::Urgency::high), 24);
  core::ResponseStandards next;
  next.hours[core::Urgency::normal] = 48;
  next.by_category["shelter"][core::Urgency::emergency] = 2;
  ASSERT_TRUE(storage::SettingsRepository::save_response_standards(*tx_, next, 1, now_));
  auto saved = storage::SettingsRepository::response_standards(*tx_);
  EXPECT_EQ(saved.version, 2);
  EXPECT_EQ(saved.standards.hours.at(core::Urgency::normal), 48);
  EXPECT_EQ(saved.standards.by_category.at("shelter").at(core::Urgency::emergency), 2);
  EXPECT_EQ(core::response_hours(saved.standards, "shelter", core::Urgency::emergency), 2);
  auto stale = storage::SettingsRepository::save_response_standards(*tx_, next, 1, now_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
}
