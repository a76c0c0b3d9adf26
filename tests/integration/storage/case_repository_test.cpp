// CaseRepository and ConsentRepository against real SQLite in a temporary directory.
#include "core/case_file.hpp"
#include "core/consent.hpp"
#include "storage/case_repository.hpp"
#include "storage/consent_repository.hpp"
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace enlace::storage {
namespace {

using namespace std::chrono_literals;

class CaseRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("enlace-case-repo-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "db.sqlite").string();
    ASSERT_TRUE(migrate(path_));
    conn_.emplace(Connection::open(path_, {}));
    conn_->exec(R"sql(
        INSERT INTO territory (id, name, level, created_at, updated_at)
          VALUES ('t1', 'Legazpi City', 'municipality', 0, 0);
        INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at)
          VALUES ('o1', 'Help desk', 'help_desk', 't1', 0, 0),
                 ('o2', 'Shelter NGO', 'civil_society', 't1', 0, 0);
        INSERT INTO app_user (id, username, display_name, organization_id, roles, password_hash,
                              created_at, updated_at)
          VALUES ('u1', 'cw1', 'CW 1', 'o1', 'caseworker', 'x', 0, 0),
                 ('u2', 'cw2', 'CW 2', 'o2', 'caseworker', 'x', 0, 0);)sql");
    mine_ = {"u1", "o1", {core::Role::caseworker}, "s1"};
    other_ = {"u2", "o2", {core::Role::caseworker}, "s2"};
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }

  core::CaseFile file(const std::string& given, const std::string& family) {
    core::CaseDraft d;
    d.person.given_name = given;
    d.person.family_name = family;
    d.person.birth_date = "1990-05-01";
    d.person.sex = "female";
    d.person.nationality = "VE";
    d.person.languages = std::vector<std::string>{"es"};
    d.territory_id = "t1";
    d.needs = std::vector<core::NeedDraft>{{"shelter", "high", "two children"}};
    std::vector<std::string> cats{"shelter", "health"};
    auto f = core::make_case(d, cats, core::date_of(now_));
    EXPECT_TRUE(f);
    return *f;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::optional<Connection> conn_;
  core::Actor mine_, other_;
  core::Timestamp now_ = core::from_millis(1'795'000'000'000);
};

TEST_F(CaseRepositoryTest, LoadForReferralGivesFileAndConsentsToOwnerOnly) {
  WriteTxn tx(*conn_);
  try {
    auto r = CaseRepository::insert(tx, mine_, "c1", file("José", "Muñoz"), now_);
    ASSERT_TRUE(r) << r.error().detail;
  } catch (const DbError& e) {
    FAIL() << e.message;
  }
  core::ConsentDraft cd{"verbal", std::vector<std::string>{"shelter"},
                        std::vector<std::string>{"o2"}, std::nullopt};
  std::vector<std::string> cats{"shelter"};
  auto consent = core::make_consent(cd, cats, now_);
  ASSERT_TRUE(consent);
  ASSERT_TRUE(ConsentRepository::insert(tx, mine_, "k1", "c1", *consent).has_value() == false);
  ASSERT_TRUE(ConsentRepository::insert(tx, mine_, "c1", "k1", *consent));

  auto loaded = CaseRepository::load_for_referral(tx, mine_, "c1");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->organization_id, "o1");
  EXPECT_EQ(loaded->territory_id, "t1");
  EXPECT_EQ(loaded->file.person.given_name, "José");
  ASSERT_EQ(loaded->file.needs.size(), 1u);
  EXPECT_EQ(loaded->file.needs[0].category, "shelter");
  ASSERT_EQ(loaded->consents.size(), 1u);
  EXPECT_TRUE(core::covers(loaded->consents[0], "shelter", "o2", now_ + 1h));

  auto foreign = CaseRepository::load_for_referral(tx, other_, "c1");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, core::ErrorCode::not_found);
}

TEST_F(CaseRepositoryTest, NameSearchIgnoresCaseAndAccents) {
  WriteTxn tx(*conn_);
  ASSERT_TRUE(CaseRepository::insert(tx, mine_, "c1", file("José", "Muñoz"), now_));
  ASSERT_TRUE(CaseRepository::insert(tx, mine_, "c2", file("Ana", "Munoz Pérez"), now_));
  ASSERT_TRUE(CaseRepository::insert(tx, other_, "c3", file("Jose", "Munoz"), now_));
  auto ids = [&](const core::Actor& a, const std::string& q) {
    CaseListFilter f;
    f.q = q;
    std::vector<std::string> out;
    auto rows = CaseRepository::list(tx, a, f);
    EXPECT_TRUE(rows);
    if (rows)
      for (const auto& r : *rows) out.push_back(r.id);
    return out;
  };
  EXPECT_EQ(ids(mine_, "jose"), std::vector<std::string>({"c1"}));
  EXPECT_EQ(ids(mine_, "MUÑOZ"), std::vector<std::string>({"c1", "c2"}));
  EXPECT_EQ(ids(mine_, "mu pe"), std::vector<std::string>({"c2"}));
  EXPECT_EQ(ids(mine_, "\"*"), std::vector<std::string>());
  EXPECT_EQ(ids(other_, "jos"), std::vector<std::string>({"c3"}));
}

}  // namespace
}  // namespace enlace::storage
