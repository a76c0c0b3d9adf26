// The repository contract (issue 15): what the use cases rely on from their ports
// (core/ports/), checked by the same tests on every engine the adapters serve: a SQLite file
// in a temporary directory and a fresh PostgreSQL database (ENLACE_TEST_POSTGRES). Scoping (a
// row another organisation may not see is not_found, never returned), the version check,
// history and message order, known_elsewhere, tracking codes, respond-link expiry, and audit
// events that commit or roll back with the change they record. A difference between the
// engines is a bug of the adapters. To cover a new port, add its tests here: each TEST_P runs
// on both engines (docs/DEVELOPING.md, "The repository contract suite").
#include "core/case_file.hpp"
#include "core/person_view.hpp"
#include "core/use_cases/purge_closed_cases.hpp"
#include "storage/audit_log.hpp"
#include "storage/audit_verify.hpp"
#include "storage/database.hpp"
#include "storage/database_maintenance.hpp"
#include "storage/key_ring.hpp"
#include "storage/live_event_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/respond_link_repository.hpp"
#include "storage/settings_repository.hpp"
#include "storage/sql_account_store.hpp"
#include "storage/sql_audit_trail.hpp"
#include "storage/sql_case_store.hpp"
#include "storage/sql_referral_store.hpp"
#include "storage/sql_audit_log_reader.hpp"
#include "storage/sql_directory_store.hpp"
#include "storage/sql_gap_report_reader.hpp"
#include "storage/sql_idempotency_store.hpp"
#include "storage/sql_follow_up_store.hpp"
#include "storage/sql_live_event_reader.hpp"
#include "storage/sql_mail_queue.hpp"
#include "storage/sql_notification_store.hpp"
#include "storage/sql_operations_reader.hpp"
#include "storage/sql_session_store.hpp"
#include "storage/sql_settings_store.hpp"
#include "storage/sql_shared_limits.hpp"
#include "storage/sql_tracking_store.hpp"
#include "storage/sql_referral_notices.hpp"
#include "storage/sql_webhook_outbox.hpp"
#include "storage/sql_units.hpp"
#include "storage/sql_webhook_store.hpp"
#include "storage/tracking_repository.hpp"
#include "support/pg_test_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace enlace::storage {
namespace {

using namespace std::chrono_literals;
using core::Status;

enum class Engine { sqlite, postgres };

std::string engine_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "Sqlite" : "Postgres";
}

class StoreContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::postgres) {
      ENLACE_REQUIRE_TEST_POSTGRES();
      pg_.emplace();
      db_ = pg_->uri();
    } else {
      std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(test.begin(), test.end(), '/', '-');  // "Name/Sqlite": one directory
      dir_ = std::filesystem::temp_directory_path() /
             ("enlace-store-contract-" + std::to_string(::getpid()) + "-" + test);
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      db_ = (dir_ / "db.sqlite").string();
    }
    auto m = migrate(db_);
    ASSERT_TRUE(m.has_value()) << m.error().detail;
    conn_.emplace(Connection::open(db_, {}));
    // Albay > Legazpi; a help desk (o-a) that refers, a shelter (o-b) that receives, an
    // unrelated organisation (o-c) and one without accounts (o-ext).
    conn_->exec(R"sql(
        INSERT INTO territory (id, name, level, parent_id, created_at, updated_at)
          VALUES ('t-albay', 'Albay', 'province', NULL, 0, 0);
        INSERT INTO territory (id, name, level, parent_id, created_at, updated_at)
          VALUES ('t-legazpi', 'Legazpi City', 'municipality', 't-albay', 0, 0);
        INSERT INTO organization (id, name, kind, territory_id, created_at, updated_at)
          VALUES ('o-a', 'Help desk', 'help_desk', 't-legazpi', 0, 0),
                 ('o-b', 'Shelter', 'civil_society', 't-legazpi', 0, 0),
                 ('o-c', 'Unrelated', 'civil_society', 't-legazpi', 0, 0);
        INSERT INTO organization (id, name, kind, territory_id, external, created_at, updated_at)
          VALUES ('o-ext', 'Parish kitchen', 'faith_based', 't-legazpi', 1, 0, 0);
        INSERT INTO app_user (id, username, display_name, organization_id, roles, password_hash,
                              created_at, updated_at)
          VALUES ('u-cw', 'cw', 'CW', 'o-a', 'caseworker', 'x', 0, 0),
                 ('u-adm', 'adm', 'Admin A', 'o-a', 'org_admin', 'x', 0, 0),
                 ('u-p', 'p', 'Partner B', 'o-b', 'partner', 'x', 0, 0),
                 ('u-bcw', 'bcw', 'CW B', 'o-b', 'caseworker', 'x', 0, 0),
                 ('u-x', 'x', 'CW C', 'o-c', 'caseworker', 'x', 0, 0);
        INSERT INTO service (id, organization_id, category, name, name_key, languages,
                             required_documents, status, accepting, created_at, updated_at)
          VALUES ('s-b', 'o-b', 'shelter', 'Beds', 'beds', '[]', '[]', 'active', 1, 0, 0);
        INSERT INTO service_territory (service_id, territory_id) VALUES ('s-b', 't-albay');)sql");
  }
  void TearDown() override {
    conn_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Runs fn in one write transaction on the test's connection, committed when it returns
  // normally and rolled back when it throws (as the writer does with a job).
  template <class F>
  auto write(F fn) {
    conn_->exec("BEGIN IMMEDIATE");
    try {
      WriteTxn tx(*conn_);
      auto r = fn(tx);
      conn_->exec("COMMIT");
      return r;
    } catch (const DbError& e) {
      conn_->exec("ROLLBACK");
      throw std::runtime_error("DbError: " + e.message);  // so that gtest prints it
    } catch (...) {
      conn_->exec("ROLLBACK");
      throw;
    }
  }

  core::CaseFile file(const std::string& given, const std::string& family,
                      const std::string& birth = "1990-05-01") {
    core::CaseDraft d;
    d.person.given_name = given;
    d.person.family_name = family;
    d.person.birth_date = birth;
    d.person.sex = "female";
    d.person.nationality = "VE";
    d.territory_id = "t-legazpi";
    d.needs = std::vector<core::NeedDraft>{{"shelter", "high", "two children"}};
    std::vector<std::string> cats{"shelter", "health"};
    auto f = core::make_case(d, cats, core::date_of(now_));
    EXPECT_TRUE(f.has_value());
    return *f;
  }
  // A case of `actor`'s organisation, committed.
  std::string add_case(const core::Actor& actor, const std::string& id,
                       const std::string& given = "Ana", const std::string& family = "Pérez") {
    auto r = write([&](WriteTxn& tx) {
      return SqlCaseStore(tx).insert_case(actor, id, file(given, family), now_);
    });
    EXPECT_TRUE(r.has_value()) << r.error().detail;
    return id;
  }
  // A referral of case `case_id` from o-a to `to` (vital interest: no consent needed).
  core::NewReferral referral(const std::string& id, const std::string& case_id,
                             Status status = Status::requested, const std::string& to = "o-b") {
    core::NewReferral n;
    n.id = id;
    n.case_id = case_id;
    n.from_org = "o-a";
    n.to_org = to;
    n.service_id = to == "o-b" ? std::optional<std::string>("s-b") : std::nullopt;
    n.category = "shelter";
    n.reason = "Needs a bed tonight.";
    n.status = status;
    n.legal_basis = core::LegalBasis::vital_interest;
    n.justification = "Alone with two children at night.";
    n.shared_fields = {core::SharedField::given_name};
    if (status == Status::requested) {
      core::SharedSnapshot s;
      s.fields = n.shared_fields;
      s.given_name = "Ana";
      n.snapshot = s;
      n.respond_by = now_ + 72h;
    }
    return n;
  }
  core::ReferralRecord add_referral(const std::string& id, Status status = Status::requested,
                                    const std::string& to = "o-b") {
    add_case(cw_, "case-" + id);
    auto r = write([&](WriteTxn& tx) {
      return SqlReferralStore(tx).insert_referral(cw_, referral(id, "case-" + id, status, to),
                                                     now_);
    });
    EXPECT_TRUE(r.has_value()) << r.error().detail;
    return *r;
  }
  core::Result<core::ReferralRecord> find(const core::Actor& actor, const std::string& id) {
    return write([&](WriteTxn& tx) { return SqlReferralStore(tx).find_referral(actor, id); });
  }
  core::Result<core::ReferralRecord> move(const core::Actor& actor,
                                          const core::ReferralRecord& current, Status to,
                                          core::Timestamp at) {
    core::TransitionChange c;
    c.to = to;
    return write([&](WriteTxn& tx) {
      return SqlReferralStore(tx).update_status(actor, current, c, at);
    });
  }
  long long count(const std::string& sql) {
    auto st = conn_->prepared(sql);
    EXPECT_TRUE(st.step());
    return st.int64(0);
  }
  core::AuditContext origin(const core::Actor& actor) {
    return {actor.user_id, actor.organization_id, "caseworker", "127.0.0.1", "req-1", now_};
  }

  std::optional<test::PgTestDatabase> pg_;
  std::filesystem::path dir_;
  std::string db_;
  std::optional<Connection> conn_;
  core::Timestamp now_ = core::from_millis(1'795'000'000'000);
  core::Actor cw_{"u-cw", "o-a", {core::Role::caseworker}, "s1"};
  core::Actor admin_{"u-adm", "o-a", {core::Role::org_admin}, "s2"};
  core::Actor partner_{"u-p", "o-b", {core::Role::partner}, "s3"};
  core::Actor receiver_cw_{"u-bcw", "o-b", {core::Role::caseworker}, "s4"};
  core::Actor stranger_{"u-x", "o-c", {core::Role::caseworker}, "s5"};
};

// With a field key installed for one test: the keyed hashes (blind name index, person match)
// exist only then, and the sealed columns must read back the same on both engines.
class WithFieldKey {
 public:
  WithFieldKey() { install_field_cipher(std::make_unique<const FieldCipher>(std::string(32, 'k'))); }
  ~WithFieldKey() { install_field_cipher(std::make_unique<const FieldCipher>()); }
};

// ---- CaseStore ------------------------------------------------------------------------------

TEST_P(StoreContract, KnownCategoriesAreTheNetworksOnBothPorts) {
  auto cases = write([](WriteTxn& tx) { return SqlCaseStore(tx).known_categories(); });
  auto referrals = write([](WriteTxn& tx) { return SqlReferralStore(tx).known_categories(); });
  EXPECT_FALSE(cases.empty());
  EXPECT_EQ(cases, referrals);
  EXPECT_NE(std::find(cases.begin(), cases.end(), "shelter"), cases.end());
}

TEST_P(StoreContract, AnInsertedCaseIsFoundByItsOrganisationOnly) {
  add_case(cw_, "c1", "José", "Muñoz");
  auto mine = write([&](WriteTxn& tx) { return SqlReferralStore(tx).find_case(cw_, "c1"); });
  ASSERT_TRUE(mine.has_value()) << mine.error().detail;
  EXPECT_EQ(mine->organization_id, "o-a");
  EXPECT_EQ(mine->territory_id, "t-legazpi");
  EXPECT_EQ(mine->file.person.given_name, "José");
  EXPECT_EQ(mine->file.person.family_name, "Muñoz");
  auto theirs = write([&](WriteTxn& tx) { return SqlReferralStore(tx).find_case(stranger_, "c1"); });
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code, core::ErrorCode::not_found);
  auto none = write([&](WriteTxn& tx) { return SqlReferralStore(tx).find_case(cw_, "c-none"); });
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, core::ErrorCode::not_found);
}

TEST_P(StoreContract, ACaseSealedUnderAFieldKeyReadsBackAndFindsItsDuplicates) {
  WithFieldKey key;
  add_case(cw_, "c1", "José", "Muñoz");
  auto stored = count("SELECT count(*) FROM case_file WHERE given_name = 'José'");
  EXPECT_EQ(stored, 0) << "the name is sealed at rest";
  auto mine = write([&](WriteTxn& tx) { return SqlReferralStore(tx).find_case(cw_, "c1"); });
  ASSERT_TRUE(mine.has_value()) << mine.error().detail;
  EXPECT_EQ(mine->file.person.given_name, "José");
  EXPECT_EQ(mine->file.person.family_name, "Muñoz");
  const auto plain = file("jose", "MUNOZ").person;
  auto dups = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).possible_duplicates(cw_, plain, core::date_of(now_));
  });
  EXPECT_EQ(dups, (std::vector<std::string>{"c1"}));
}

TEST_P(StoreContract, ASecondCaseWithTheSameIdIsRefusedAndChangesNothing) {
  add_case(cw_, "c1");
  // The writer rolls a failed job back to its savepoint: the store reports, never half-writes.
  EXPECT_ANY_THROW(write([&](WriteTxn& tx) {
    auto r = SqlCaseStore(tx).insert_case(cw_, "c1", file("Eva", "Luna"), now_);
    if (!r) throw std::runtime_error(r.error().detail);
    return r;
  }));
  EXPECT_EQ(count("SELECT count(*) FROM case_file"), 1);
}

TEST_P(StoreContract, PossibleDuplicatesAreTheActorsOwnCasesOfTheSamePerson) {
  add_case(cw_, "c1", "Ana", "Pérez");
  add_case(cw_, "c2", "Ana", "Pérez");
  add_case(cw_, "c3", "Rosa", "Pérez");
  add_case(stranger_, "c4", "Ana", "Pérez");
  const auto person = file("Ana", "Pérez").person;
  auto dups = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).possible_duplicates(cw_, person, core::date_of(now_));
  });
  EXPECT_EQ(dups, (std::vector<std::string>{"c1", "c2"})) << "never another organisation's case";
  auto theirs = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).possible_duplicates(stranger_, person, core::date_of(now_));
  });
  EXPECT_EQ(theirs, (std::vector<std::string>{"c4"}));
}

TEST_P(StoreContract, PossibleDuplicatesIgnoreAccentsAndCase) {
  add_case(cw_, "c1", "José", "Muñoz");
  const auto plain = file("jose", "MUNOZ").person;
  auto dups = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).possible_duplicates(cw_, plain, core::date_of(now_));
  });
  EXPECT_EQ(dups, (std::vector<std::string>{"c1"}));
}

TEST_P(StoreContract, KnownElsewhereSaysOnlyWhetherAnotherOrganisationHoldsThePerson) {
  WithFieldKey key;  // known_elsewhere matches keyed hashes only: no field key, no match
  const auto person = file("Ana", "Pérez").person;
  auto ask = [&](const core::Actor& actor) {
    return write([&](WriteTxn& tx) { return SqlCaseStore(tx).known_elsewhere(actor, person); });
  };
  EXPECT_FALSE(ask(cw_));
  add_case(cw_, "c1", "Ana", "Pérez");
  EXPECT_FALSE(ask(cw_)) << "the actor's own case is not elsewhere";
  EXPECT_TRUE(ask(stranger_));
  EXPECT_FALSE(ask(cw_));
  const auto other_birth = file("Ana", "Pérez", "1971-01-09").person;
  EXPECT_FALSE(write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).known_elsewhere(stranger_, other_birth);
  })) << "another birth date is another person";
}

TEST_P(StoreContract, ACaseIsEditedAndClosedByItsOrganisationOnlyAtItsVersion) {
  add_case(cw_, "c1");
  auto theirs = write([&](WriteTxn& tx) { return SqlCaseStore(tx).find_case(stranger_, "c1"); });
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code, core::ErrorCode::not_found);
  auto edited = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).update_case(cw_, "c1", 1, file("Ana", "Luna"), now_);
  });
  ASSERT_TRUE(edited.has_value()) << edited.error().detail;
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(edited->file.person.family_name, "Luna");
  auto stale = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).update_case(cw_, "c1", 1, file("Ana", "Sol"), now_);
  });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
  auto refused = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).close_case(stranger_, "c1", std::nullopt, "Mine", now_);
  });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::not_found);
  auto closed = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).close_case(cw_, "c1", 2, "Resettled", now_);
  });
  ASSERT_TRUE(closed.has_value()) << closed.error().detail;
  EXPECT_EQ(closed->file.status, core::CaseStatus::closed);
  auto found = write([&](WriteTxn& tx) { return SqlCaseStore(tx).find_case(cw_, "c1"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->file.status, core::CaseStatus::closed);
  EXPECT_EQ(found->version, 3);
}

TEST_P(StoreContract, HouseholdLinksJoinTwoCasesOfTheOrganisationOnly) {
  add_case(cw_, "c1");
  add_case(cw_, "c2", "Luis");
  add_case(stranger_, "c3", "Eva");
  auto linked = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).link_household(cw_, "c1", "c2", "brother");
  });
  ASSERT_TRUE(linked.has_value()) << linked.error().detail;
  ASSERT_EQ(linked->size(), 1u);
  EXPECT_EQ((*linked)[0].case_id, "c2");
  EXPECT_EQ((*linked)[0].relation, "brother");
  auto foreign = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).link_household(cw_, "c1", "c3", "sister");
  });
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, core::ErrorCode::invalid);
  auto from_foreign = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).link_household(cw_, "c3", "c1", "sister");
  });
  ASSERT_FALSE(from_foreign.has_value());
  EXPECT_EQ(from_foreign.error().code, core::ErrorCode::not_found);
  auto other_side = write([&](WriteTxn& tx) { return SqlCaseStore(tx).find_case(cw_, "c2"); });
  ASSERT_TRUE(other_side.has_value());
  ASSERT_EQ(other_side->household.size(), 1u);
  EXPECT_EQ(other_side->household[0].case_id, "c1");
}

TEST_P(StoreContract, AConsentIsRecordedWithdrawnOnceAndCoversATransfer) {
  add_case(cw_, "c1");
  core::ConsentDraft d;
  d.method = "written";
  d.categories = std::vector<std::string>{std::string(core::kCaseTransferScope)};
  d.organizations = std::vector<std::string>{"o-b"};
  auto consent = core::make_consent(d, std::vector<std::string>{"shelter"}, now_);
  ASSERT_TRUE(consent.has_value());
  auto theirs = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).insert_consent(stranger_, "c1", "k0", *consent);
  });
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code, core::ErrorCode::not_found);
  auto saved = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).insert_consent(cw_, "c1", "k1", *consent);
  });
  ASSERT_TRUE(saved.has_value()) << saved.error().detail;
  EXPECT_EQ(saved->id, "k1");
  auto second = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).insert_consent(cw_, "c1", "k2", *consent);
  });
  ASSERT_TRUE(second.has_value());
  auto withdrawn = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).withdraw_consent(cw_, "c1", "k2", 1, now_);
  });
  ASSERT_TRUE(withdrawn.has_value()) << withdrawn.error().detail;
  EXPECT_TRUE(withdrawn->withdrawn_at.has_value());
  auto again = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).withdraw_consent(cw_, "c1", "k2", std::nullopt, now_);
  });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().type, "consent-withdrawn");
  auto moved = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).transfer_case(cw_, "c1", 1, {"o-b", "Moved"}, "tr1", now_);
  });
  ASSERT_TRUE(moved.has_value()) << moved.error().detail;
  EXPECT_EQ(moved->from_organization_id, "o-a");
  EXPECT_EQ(moved->to_organization_id, "o-b");
  EXPECT_EQ(moved->consent_id, "k1");
  auto gone = write([&](WriteTxn& tx) { return SqlCaseStore(tx).find_case(cw_, "c1"); });
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, core::ErrorCode::not_found);
  auto theirs_now =
      write([&](WriteTxn& tx) { return SqlCaseStore(tx).find_case(receiver_cw_, "c1"); });
  ASSERT_TRUE(theirs_now.has_value());
  EXPECT_EQ(theirs_now->consents.size(), 2u);
}

// What the writer compares with a read snapshot's prepared sending (core::SendingBasis): it
// changes with every change sending relies on, reads alike on a snapshot and in a write, and
// is scoped like the case.
TEST_P(StoreContract, TheSendingBasisChangesWithTheCaseItsConsentsAndTheStandards) {
  add_case(cw_, "c1");
  auto basis = [&] {
    return write([&](WriteTxn& tx) { return SqlReferralStore(tx).sending_basis(cw_, "c1"); });
  };
  auto first = basis();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->case_version, 1);
  EXPECT_TRUE(first->consents.empty());
  EXPECT_EQ(first->standards_version, 1);
  {
    ReadTxn tx(*conn_);
    EXPECT_EQ(SqlSendingReads(tx).sending_basis(cw_, "c1"), first)
        << "a snapshot reads the same";
    EXPECT_FALSE(SqlSendingReads(tx).sending_basis(stranger_, "c1"));
  }
  EXPECT_FALSE(write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).sending_basis(stranger_, "c1");
  }));

  core::ConsentDraft d;
  d.method = "verbal";
  d.categories = std::vector<std::string>{"shelter"};
  d.organizations = std::vector<std::string>{"o-b"};
  auto consent = core::make_consent(d, std::vector<std::string>{"shelter"}, now_);
  ASSERT_TRUE(consent.has_value());
  ASSERT_TRUE(write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).insert_consent(cw_, "c1", "k1", *consent);
  }).has_value());
  auto consented = basis();
  ASSERT_TRUE(consented);
  EXPECT_NE(consented, first);
  ASSERT_EQ(consented->consents.size(), 1u);
  EXPECT_EQ(consented->consents[0].first, "k1");

  ASSERT_TRUE(write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).withdraw_consent(cw_, "c1", "k1", std::nullopt, now_);
  }).has_value());
  auto withdrawn = basis();
  EXPECT_NE(withdrawn, consented) << "a withdrawal changes the basis";

  ASSERT_TRUE(write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).update_case(cw_, "c1", 1, file("Ana", "Luna"), now_);
  }).has_value());
  auto edited = basis();
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->case_version, 2);

  core::ResponseStandards s;
  s.hours[core::Urgency::normal] = 48;
  ASSERT_TRUE(write([&](WriteTxn& tx) {
    return SqlSettingsStore(tx).save_response_standards(s, 1, now_);
  }).has_value());
  auto restated = basis();
  ASSERT_TRUE(restated);
  EXPECT_EQ(restated->standards_version, 2);
}

TEST_P(StoreContract, ThePageReaderListsTheOrganisationsCasesInIdOrderWithOneMore) {
  add_case(cw_, "c1", "José", "Muñoz");
  add_case(cw_, "c2", "Rosa");
  add_case(cw_, "c3", "Joselyn");
  add_case(stranger_, "c4", "José");
  ReadTxn tx(*conn_);
  core::CaseListFilter filter;
  filter.limit = 1;
  auto page = SqlCaseReader(tx).list_cases(cw_, filter);
  ASSERT_TRUE(page.has_value()) << page.error().detail;
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, "c1");
  EXPECT_EQ((*page)[1].id, "c2");
  filter.limit = 50;
  filter.q = "jose";  // accents and case ignored, a prefix of a name word
  page = SqlCaseReader(tx).list_cases(cw_, filter);
  ASSERT_TRUE(page.has_value());
  std::vector<std::string> ids;
  for (const auto& r : *page) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"c1", "c3"})) << "never another organisation's case";
}

// ---- ReferralStore: directory and settings ----------------------------------------------------

TEST_P(StoreContract, DirectoryLookupsAnswerAlike) {
  auto [exists, missing, service, none, covering, elsewhere] = write([](WriteTxn& tx) {
    SqlReferralStore s(tx);
    return std::tuple(s.organization_exists("o-b"), s.organization_exists("o-none"),
                      s.find_service("s-b"), s.find_service("s-none"),
                      s.services_covering("shelter", "t-legazpi"),
                      s.services_covering("health", "t-legazpi"));
  });
  EXPECT_TRUE(exists);
  EXPECT_FALSE(missing);
  ASSERT_TRUE(service);
  EXPECT_EQ(service->listing.organization_id, "o-b");
  EXPECT_EQ(service->listing.category, "shelter");
  EXPECT_FALSE(none);
  ASSERT_EQ(covering.size(), 1u) << "a service of the province covers its municipalities";
  EXPECT_EQ(covering[0].id, "s-b");
  EXPECT_TRUE(elsewhere.empty());
}

TEST_P(StoreContract, ResponseStandardsDefaultAlike) {
  auto standards = write([](WriteTxn& tx) { return SqlReferralStore(tx).response_standards(); });
  const core::ResponseStandards defaults;
  EXPECT_EQ(standards.hours, defaults.hours);
  EXPECT_EQ(standards.outcome_days, defaults.outcome_days);
  EXPECT_TRUE(standards.by_category.empty());
  EXPECT_TRUE(standards.outcome_days_by_category.empty());
}

// ---- DirectoryStore, DirectoryReader, SettingsStore --------------------------------------------

TEST_P(StoreContract, DirectoryChangesCheckVersionsAndReferencesAlike) {
  core::ServiceDraft d;
  d.organization_id = "o-a";
  d.category = "shelter";
  d.name = "Night beds";
  d.languages = std::vector<std::string>{"en"};
  d.territory_ids = std::vector<std::string>{"t-legazpi"};
  d.status = "active";
  d.accepting = true;
  auto listing = core::make_service_listing(d, now_);
  ASSERT_TRUE(listing.has_value());
  auto made = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).insert_service("s-new", *listing, now_); });
  ASSERT_TRUE(made.has_value()) << made.error().detail;
  EXPECT_EQ(made->version, 1);

  auto changed = *listing;
  changed.capacity_available = 5;
  const auto later = now_ + 1h;
  auto stale = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).update_service("s-new", 2, changed, later); });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
  auto nowhere = changed;
  nowhere.territory_ids = {"t-none"};
  auto unknown = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).update_service("s-new", 1, nowhere, later); });
  ASSERT_FALSE(unknown.has_value());
  ASSERT_FALSE(unknown.error().fields.empty());
  EXPECT_EQ(unknown.error().fields.items()[0].field, "territory_ids[0]");
  auto saved = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).update_service("s-new", 1, changed, later); });
  ASSERT_TRUE(saved.has_value()) << saved.error().detail;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(saved->capacity_updated_at, later);
  auto verified = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).mark_service_verified("s-new", later); });
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ(verified->version, 3);
  EXPECT_EQ(verified->listing.last_verified_at, later);
  EXPECT_EQ(write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).find_service("s-none"); }).error().code,
            core::ErrorCode::not_found);

  auto org = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).find_organization("o-c"); });
  ASSERT_TRUE(org.has_value());
  auto org_stale = write([&](WriteTxn& tx) {
    return SqlDirectoryStore(tx).update_organization("o-c", org->version + 1, org->organization, later);
  });
  ASSERT_FALSE(org_stale.has_value());
  EXPECT_EQ(org_stale.error().code, core::ErrorCode::stale);
  core::Territory orphan{"Nowhere", core::TerritoryLevel::district, std::string("t-none"),
                         std::nullopt, std::nullopt};
  auto territory = write([&](WriteTxn& tx) { return SqlDirectoryStore(tx).insert_territory("t-x", orphan, now_); });
  ASSERT_FALSE(territory.has_value());
  EXPECT_EQ(territory.error().fields.items()[0].field, "parent_id");
  auto taken = write([&](WriteTxn& tx) {
    return SqlDirectoryStore(tx).insert_category({"shelter", "Shelter again", now_});
  });
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().fields.items()[0].field, "code");
  // What an import asks before adding (core/use_cases/directory_import.hpp).
  auto exists = [&](auto ask) { return write([&](WriteTxn& tx) { SqlDirectoryStore store(tx); return ask(store); }); };
  EXPECT_TRUE(exists([](SqlDirectoryStore& s) { return s.territory_exists("t-legazpi"); }));
  EXPECT_FALSE(exists([](SqlDirectoryStore& s) { return s.territory_exists("t-x"); }));
  EXPECT_TRUE(exists([](SqlDirectoryStore& s) { return s.category_exists("shelter"); }));
  EXPECT_FALSE(exists([](SqlDirectoryStore& s) { return s.category_exists("no_such_code"); }));
}

TEST_P(StoreContract, DirectoryReadsAnswerAlike) {
  ReadTxn tx(*conn_);
  SqlDirectoryReader reader(tx);
  core::ServiceFilter f;
  f.limit = 0;  // up to limit + 1: the sign of a next page
  EXPECT_EQ(reader.services(f).size(), 1u);
  auto orgs = reader.organizations("o-a", 1);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, "o-b");
  EXPECT_EQ(reader.organization("o-none").error().code, core::ErrorCode::not_found);
  auto path = reader.territory_path("t-legazpi");
  ASSERT_EQ(path.size(), 2u);
  EXPECT_EQ(path[1].id, "t-albay");
  auto window = reader.feed_organizations({std::nullopt, 1, 2});
  EXPECT_EQ(window.total, 4);
  EXPECT_EQ(window.ids, (std::vector<std::string>{"o-b", "o-c"}));
  EXPECT_EQ(reader.service_ids_of("o-b"), std::vector<std::string>{"s-b"});
  auto categories = reader.categories();
  EXPECT_TRUE(std::is_sorted(categories.begin(), categories.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
}

TEST_P(StoreContract, AccountsAreScopedToWhoMayManageThemAlike) {
  auto own = write([&](WriteTxn& tx) { return SqlAccountStore(tx).find_user(admin_, "u-cw"); });
  ASSERT_TRUE(own.has_value()) << own.error().detail;
  EXPECT_EQ(own->organization_id, "o-a");
  EXPECT_EQ(own->roles, std::vector<core::Role>{core::Role::caseworker});
  auto other = write([&](WriteTxn& tx) { return SqlAccountStore(tx).find_user(admin_, "u-p"); });
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, core::ErrorCode::not_found);

  ReadTxn tx(*conn_);
  SqlAccountReader reader(tx);
  std::vector<std::string> ids;
  for (const auto& u : reader.users(admin_, "", 10)) ids.push_back(u.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"u-adm", "u-cw"}));
  auto page = reader.users(admin_, "", 1);  // at most limit, from the start
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, "u-adm");
  auto after = reader.users(admin_, "u-adm", 5);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, "u-cw");
  EXPECT_EQ(reader.user(admin_, "u-bcw").error().code, core::ErrorCode::not_found);
  core::Actor system_admin{"u-sys", "", {core::Role::system_admin}, "s9"};
  EXPECT_TRUE(reader.user(system_admin, "u-bcw").has_value());
  EXPECT_EQ(reader.login_by_name("bcw")->user.id, "u-bcw");
  EXPECT_FALSE(reader.login_by_name("nobody").has_value());
  EXPECT_EQ(reader.login_of("u-cw")->password_hash, "x");
}

TEST_P(StoreContract, AccountChangesCheckVersionNameAndOrganisationAlike) {
  core::NewUser u;
  u.id = "u-new";
  u.username = "new.user";
  u.display_name = "New";
  u.organization_id = "o-a";
  u.roles = {core::Role::partner};
  u.password_hash = "h";
  auto saved = write([&](WriteTxn& tx) { return SqlAccountStore(tx).insert_user(u, now_); });
  ASSERT_TRUE(saved.has_value()) << saved.error().detail;
  EXPECT_EQ(saved->version, 1);
  auto again = write([&](WriteTxn& tx) { return SqlAccountStore(tx).insert_user(u, now_); });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().fields.items().at(0).field, "username");
  core::NewUser lost = u;
  lost.id = "u-lost";
  lost.username = "lost";
  lost.organization_id = "o-none";
  auto orphan = write([&](WriteTxn& tx) { return SqlAccountStore(tx).insert_user(lost, now_); });
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().fields.items().at(0).field, "organization_id");

  core::UserPatch p;
  p.display_name = "Renamed";
  p.active = false;
  auto updated = write([&](WriteTxn& tx) {
    return SqlAccountStore(tx).update_user(admin_, "u-new", 1, p, now_ + 1h);
  });
  ASSERT_TRUE(updated.has_value()) << updated.error().detail;
  EXPECT_EQ(updated->version, 2);
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(updated->display_name, "Renamed");
  auto stale = write([&](WriteTxn& tx) {
    return SqlAccountStore(tx).update_user(admin_, "u-new", 1, p, now_ + 2h);
  });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
  auto elsewhere = write([&](WriteTxn& tx) {
    return SqlAccountStore(tx).update_user(partner_, "u-new", 2, p, now_ + 2h);
  });
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, core::ErrorCode::not_found);
  core::UserPatch own;
  own.language = "fr";
  auto mine = write([&](WriteTxn& tx) { return SqlAccountStore(tx).update_own("u-cw", own, now_); });
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->language, "fr");
}

TEST_P(StoreContract, PasswordsAndSessionsReadBackAlike) {
  const auto expires = now_ + 72h;
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).set_temporary_password("u-cw", "temp", expires, now_);
    return true;
  });
  auto temp = write([&](WriteTxn& tx) { return SqlAccountStore(tx).login_of("u-cw"); });
  ASSERT_TRUE(temp.has_value());
  EXPECT_EQ(temp->password_hash, "temp");
  EXPECT_EQ(temp->password_expires_at, expires);
  EXPECT_TRUE(temp->user.must_change_password);
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).rehash_password("u-cw", "temp-rehashed");
    return true;
  });
  auto rehashed = write([&](WriteTxn& tx) { return SqlAccountStore(tx).login_of("u-cw"); });
  EXPECT_EQ(rehashed->password_hash, "temp-rehashed");
  EXPECT_EQ(rehashed->password_expires_at, expires) << "a rehash keeps the expiry";
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).set_password("u-cw", "chosen", now_);
    return true;
  });
  auto chosen = write([&](WriteTxn& tx) { return SqlAccountStore(tx).login_of("u-cw"); });
  EXPECT_FALSE(chosen->password_expires_at.has_value());
  EXPECT_FALSE(chosen->user.must_change_password);

  core::NewSession s;
  s.id = "sess-1";
  s.token_hash = std::string(32, '\x7f');
  s.user_id = "u-cw";
  s.address = "192.0.2.1";
  s.user_agent = "test";
  s.created_at = now_;
  s.expires_at = now_ + 12h;
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).insert_session(s);
    return true;
  });
  ReadTxn tx(*conn_);
  SqlAccountReader reader(tx);
  auto active = reader.active_sessions("u-cw", now_ + 1h, now_ - 1h);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, "sess-1");
  EXPECT_EQ(active[0].address, "192.0.2.1");
  EXPECT_TRUE(reader.active_sessions("u-cw", now_ + 13h, now_).empty()) << "expired";
  EXPECT_TRUE(reader.active_sessions("u-adm", now_ + 1h, now_ - 1h).empty());
}

TEST_P(StoreContract, TheSecondFactorIsSpentOnceAlike) {
  WithFieldKey key;  // the secret is a sealed column
  auto started = write([&](WriteTxn& tx) {
    return SqlAccountStore(tx).start_two_factor("u-cw", "JBSWY3DPEHPK3PXP", now_);
  });
  ASSERT_TRUE(started.has_value()) << started.error().detail;
  auto pending = write([&](WriteTxn& tx) { return SqlAccountStore(tx).two_factor("u-cw"); });
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->secret, "JBSWY3DPEHPK3PXP");
  EXPECT_FALSE(pending->enabled);
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).enable_two_factor("u-cw", 5, {"code-a", "code-b"}, now_);
    return true;
  });
  auto on = write([&](WriteTxn& tx) { return SqlAccountStore(tx).login_of("u-cw"); });
  EXPECT_TRUE(on->user.totp_enabled);
  EXPECT_EQ(on->totp_secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(on->totp_last_step, 5);
  auto restart = write([&](WriteTxn& tx) {
    return SqlAccountStore(tx).start_two_factor("u-cw", "OTHER", now_);
  });
  ASSERT_FALSE(restart.has_value());
  EXPECT_EQ(restart.error().code, core::ErrorCode::conflict);
  auto step = [&](std::int64_t n) {
    return write([&](WriteTxn& tx) { return SqlAccountStore(tx).use_totp_step("u-cw", n); });
  };
  EXPECT_FALSE(step(5)) << "the enrolment's step";
  EXPECT_TRUE(step(6));
  EXPECT_FALSE(step(6)) << "a replay";
  auto recovery = [&](const char* hash) {
    return write([&](WriteTxn& tx) { return SqlAccountStore(tx).use_recovery_code("u-cw", hash, now_); });
  };
  EXPECT_FALSE(recovery("code-x"));
  EXPECT_TRUE(recovery("code-a"));
  EXPECT_FALSE(recovery("code-a")) << "spent";
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).reset_two_factor("u-cw", now_);
    return true;
  });
  auto off = write([&](WriteTxn& tx) { return SqlAccountStore(tx).two_factor("u-cw"); });
  ASSERT_TRUE(off.has_value());
  EXPECT_FALSE(off->enabled);
  EXPECT_FALSE(off->secret.has_value());
  EXPECT_FALSE(recovery("code-b")) << "reset takes the codes";
  EXPECT_EQ(count("SELECT count(*) FROM app_user WHERE id = 'u-cw' AND totp_secret LIKE 'JBSW%'"), 0);
}

TEST_P(StoreContract, ResponseStandardsAreSavedAtTheirVersionAlike) {
  auto current = write([](WriteTxn& tx) { return SqlSettingsStore(tx).response_standards(); });
  core::ResponseStandards s;
  s.hours[core::Urgency::emergency] = 2;
  auto stale = write([&](WriteTxn& tx) {
    return SqlSettingsStore(tx).save_response_standards(s, current.version + 1, now_);
  });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
  auto saved = write([&](WriteTxn& tx) {
    return SqlSettingsStore(tx).save_response_standards(s, current.version, now_);
  });
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->version, current.version + 1);
  ReadTxn tx(*conn_);
  auto read = SqlSettingsReader(tx).response_standards();
  EXPECT_EQ(read.version, saved->version);
  EXPECT_EQ(read.standards.hours.at(core::Urgency::emergency), 2);
  auto codes = write([](WriteTxn& tx) { return SqlSettingsStore(tx).category_codes(); });
  EXPECT_NE(std::find(codes.begin(), codes.end(), "shelter"), codes.end());
}

// ---- ReferralStore: referrals -----------------------------------------------------------------

TEST_P(StoreContract, AnInsertedReferralReadsBackWholeToItsSender) {
  auto saved = add_referral("r1");
  EXPECT_TRUE(saved.sender_view);
  EXPECT_EQ(saved.status, Status::requested);
  EXPECT_EQ(saved.version, 1);
  EXPECT_EQ(saved.case_id, "case-r1");
  EXPECT_EQ(saved.service_id, "s-b");
  EXPECT_EQ(saved.legal_basis, core::LegalBasis::vital_interest);
  EXPECT_EQ(saved.justification, "Alone with two children at night.");
  EXPECT_EQ(saved.reason, "Needs a bed tonight.");
  EXPECT_EQ(saved.requested_at, now_);
  EXPECT_EQ(saved.respond_by, now_ + 72h);
  EXPECT_EQ(saved.created_at, now_);
  EXPECT_EQ(saved.shared_fields, std::vector<core::SharedField>{core::SharedField::given_name});
  ASSERT_TRUE(saved.snapshot);
  EXPECT_NE(saved.snapshot->find("Ana"), std::string::npos);
  auto again = find(cw_, "r1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->updated_at, saved.updated_at);
  EXPECT_EQ(again->snapshot, saved.snapshot);
}

TEST_P(StoreContract, TheReceiverSeesTheReferralWithoutTheSendersFields) {
  add_referral("r1");
  for (const auto& actor : {partner_, receiver_cw_}) {
    auto seen = find(actor, "r1");
    ASSERT_TRUE(seen.has_value()) << actor.user_id;
    EXPECT_FALSE(seen->sender_view);
    EXPECT_FALSE(seen->case_id) << "the case is the sender's";
    EXPECT_FALSE(seen->justification);
    EXPECT_FALSE(seen->consent_id);
    EXPECT_EQ(seen->from_org, "o-a");
    EXPECT_TRUE(seen->snapshot) << "the frozen fields are what the receiver reads";
  }
}

TEST_P(StoreContract, AReferralAnotherOrganisationMayNotSeeIsNotFound) {
  add_referral("r1");
  auto seen = find(stranger_, "r1");
  ASSERT_FALSE(seen.has_value());
  EXPECT_EQ(seen.error().code, core::ErrorCode::not_found);
  auto missing = find(cw_, "r-none");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::not_found);
}

TEST_P(StoreContract, ADraftIsTheSendersAlone) {
  auto draft = add_referral("r1", Status::draft);
  EXPECT_EQ(draft.status, Status::draft);
  EXPECT_FALSE(draft.requested_at);
  EXPECT_FALSE(draft.snapshot);
  EXPECT_TRUE(find(cw_, "r1").has_value());
  EXPECT_TRUE(find(admin_, "r1").has_value());
  auto receiver = find(partner_, "r1");
  ASSERT_FALSE(receiver.has_value());
  EXPECT_EQ(receiver.error().code, core::ErrorCode::not_found);
}

TEST_P(StoreContract, AMoveAtTheCurrentVersionIsSavedWithItsHistoryInOrder) {
  auto sent = add_referral("r1");
  auto received = move(partner_, *find(partner_, "r1"), Status::received, now_ + 1min);
  ASSERT_TRUE(received.has_value()) << received.error().detail;
  EXPECT_EQ(received->version, 2);
  EXPECT_EQ(received->status, Status::received);
  auto accepted = move(partner_, *received, Status::accepted, now_ + 2min);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().detail;
  EXPECT_EQ(accepted->version, 3);
  EXPECT_EQ(accepted->responded_at, now_ + 2min);
  EXPECT_EQ(accepted->updated_at, now_ + 2min);

  auto as_sender = find(cw_, "r1");
  ASSERT_TRUE(as_sender.has_value());
  auto history = write([&](WriteTxn& tx) { return SqlReferralStore(tx).history(*as_sender); });
  ASSERT_EQ(history.size(), 3u);
  EXPECT_FALSE(history[0].from);
  EXPECT_EQ(history[0].to, Status::requested);
  EXPECT_EQ(history[0].by_user, "u-cw");
  EXPECT_EQ(history[0].by_org, "o-a");
  EXPECT_EQ(history[1].from, Status::requested);
  EXPECT_EQ(history[1].to, Status::received);
  EXPECT_EQ(history[1].at, now_ + 1min);
  EXPECT_EQ(history[2].from, Status::received);
  EXPECT_EQ(history[2].to, Status::accepted);
  EXPECT_EQ(history[2].by_user, "u-p");
  EXPECT_EQ(history[2].by_org, "o-b");
  EXPECT_EQ(history[2].by_display_name, "Partner B");
}

TEST_P(StoreContract, SendingADraftFreezesItsSnapshotAndDeadline) {
  auto draft = add_referral("r1", Status::draft);
  core::TransitionChange send;
  send.to = Status::requested;
  send.snapshot = referral("r1", "case-r1").snapshot;
  send.respond_by = now_ + 1h + 24h;
  auto sent = write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).update_status(cw_, draft, send, now_ + 1h);
  });
  ASSERT_TRUE(sent.has_value()) << sent.error().detail;
  EXPECT_EQ(sent->status, Status::requested);
  EXPECT_EQ(sent->version, 2);
  EXPECT_EQ(sent->requested_at, now_ + 1h);
  EXPECT_EQ(sent->respond_by, now_ + 1h + 24h);
  ASSERT_TRUE(sent->snapshot);
  EXPECT_NE(sent->snapshot->find("Ana"), std::string::npos);
  EXPECT_TRUE(find(partner_, "r1").has_value()) << "sent, the receiver sees it";
}

TEST_P(StoreContract, ReasonsAndOutcomesReadBackAlikeUnderAFieldKey) {
  WithFieldKey key;  // the reason and the outcome are sealed columns
  add_referral("r1");
  const std::string reason = "Sin camas libres — lleno hasta el lunes 🛏️";
  core::TransitionChange reject;
  reject.to = Status::rejected;
  reject.reason_code = "other";
  reject.reason = reason;
  auto rejected = write([&](WriteTxn& tx) {
    SqlReferralStore s(tx);
    auto current = s.find_referral(partner_, "r1");
    if (!current) return current;
    return s.update_status(partner_, *current, reject, now_ + 1h);
  });
  ASSERT_TRUE(rejected.has_value()) << rejected.error().detail;
  EXPECT_EQ(rejected->reason_code, "other");
  EXPECT_EQ(rejected->responded_at, now_ + 1h);
  EXPECT_EQ(rejected->closed_at, now_ + 1h);
  auto as_sender = find(cw_, "r1");
  ASSERT_TRUE(as_sender.has_value());
  auto history = write([&](WriteTxn& tx) { return SqlReferralStore(tx).history(*as_sender); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].reason_code, "other");
  EXPECT_EQ(history[1].reason, reason);
  EXPECT_EQ(count("SELECT count(*) FROM referral_history WHERE reason LIKE 'Sin camas%'"), 0)
      << "sealed at rest";
}

TEST_P(StoreContract, AnAnswerRecordedForAnExternalReceiverSaysForWhom) {
  auto sent = add_referral("r1", Status::requested, "o-ext");
  core::TransitionChange accept;
  accept.to = Status::accepted;
  accept.on_behalf = true;  // the sender records what the organisation without accounts said
  accept.outcome_by = now_ + 24h * 14;
  auto accepted = write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).update_status(cw_, sent, accept, now_ + 2h);
  });
  ASSERT_TRUE(accepted.has_value()) << accepted.error().detail;
  EXPECT_EQ(accepted->outcome_by, now_ + 24h * 14);
  auto history = write([&](WriteTxn& tx) { return SqlReferralStore(tx).history(*accepted); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].on_behalf_of);
  EXPECT_EQ(history[1].on_behalf_of, "o-ext");
  EXPECT_EQ(history[1].by_org, "o-a");
}

TEST_P(StoreContract, AStaleMoveIsRefusedAndChangesNothing) {
  auto sent = add_referral("r1");
  auto first = move(partner_, *find(partner_, "r1"), Status::received, now_ + 1min);
  ASSERT_TRUE(first.has_value());
  // Another request read version 1 before the first move committed.
  auto stale = move(cw_, sent, Status::cancelled, now_ + 2min);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, core::ErrorCode::stale);
  auto now = find(cw_, "r1");
  EXPECT_EQ(now->status, Status::received);
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(count("SELECT count(*) FROM referral_history WHERE referral_id = 'r1'"), 2);
}

TEST_P(StoreContract, OfTwoConcurrentMovesFromOneVersionOnlyTheFirstIsSaved) {
  auto sent = add_referral("r1");
  auto as_receiver = find(partner_, "r1");
  ASSERT_TRUE(as_receiver.has_value());
  // Two processes on one database: A moves the referral and has not committed yet when B,
  // holding the same version, tries another move (SQLite makes B wait for the write lock,
  // PostgreSQL for the row's lock; either way B must then find its version stale).
  auto a = Connection::open(db_, {});
  a.exec("BEGIN IMMEDIATE");
  WriteTxn ta(a);
  core::TransitionChange receive;
  receive.to = Status::received;
  auto first = SqlReferralStore(ta).update_status(partner_, *as_receiver, receive, now_ + 1min);
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  auto other = std::async(std::launch::async, [&] {
    auto b = Connection::open(db_, {});
    b.exec("BEGIN IMMEDIATE");
    WriteTxn tb(b);
    core::TransitionChange cancel;
    cancel.to = Status::cancelled;
    auto r = SqlReferralStore(tb).update_status(cw_, sent, cancel, now_ + 2min);
    b.exec(r ? "COMMIT" : "ROLLBACK");
    return r;
  });
  // Not needed for the outcome (B is stale whenever it runs), only to make B wait on A's lock
  // rather than start after A committed.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  a.exec("COMMIT");
  auto second = other.get();
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, core::ErrorCode::stale);
  auto now = find(cw_, "r1");
  EXPECT_EQ(now->status, Status::received);
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(count("SELECT count(*) FROM referral_history WHERE referral_id = 'r1'"), 2);
}

TEST_P(StoreContract, AMoveByAnotherOrganisationChangesNothing) {
  auto sent = add_referral("r1");
  // Even holding the record (and its version), an actor outside both sides updates nothing.
  auto r = move(stranger_, sent, Status::cancelled, now_ + 1min);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().code, core::ErrorCode::internal);
  EXPECT_EQ(find(cw_, "r1")->status, Status::requested);
  EXPECT_EQ(count("SELECT count(*) FROM referral_history WHERE referral_id = 'r1'"), 1);
}

TEST_P(StoreContract, OnlyTheSendingAdminReviewsAVitalInterestReferralOnce) {
  add_referral("r1");
  auto review = [&](const core::Actor& actor) {
    return write([&](WriteTxn& tx) {
      return SqlReferralStore(tx).mark_reviewed(actor, "r1", now_ + 1h);
    });
  };
  auto by_receiver = review(partner_);
  ASSERT_FALSE(by_receiver.has_value());
  EXPECT_EQ(by_receiver.error().code, core::ErrorCode::forbidden);
  auto by_stranger = review(stranger_);
  ASSERT_FALSE(by_stranger.has_value());
  EXPECT_EQ(by_stranger.error().code, core::ErrorCode::not_found);
  auto done = review(admin_);
  ASSERT_TRUE(done.has_value()) << done.error().detail;
  EXPECT_EQ(done->reviewed_at, now_ + 1h);
  auto twice = review(admin_);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, core::ErrorCode::conflict);
}

TEST_P(StoreContract, MessagesComeInOrderAfterASequenceNumber) {
  add_referral("r1");
  write([&](WriteTxn& tx) {
    SqlReferralStore s(tx);
    for (int i = 0; i < 5; ++i) {
      const core::Actor& from = i % 2 ? partner_ : cw_;
      // Same instant for all: the order is the sequence, not the clock.
      s.insert_message(from, "m" + std::to_string(i), "r1", "message " + std::to_string(i), now_);
    }
    return true;
  });
  auto all = write([&](WriteTxn& tx) { return SqlReferralStore(tx).messages(cw_, "r1", 0, 50); });
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].id, "m" + std::to_string(i));
    EXPECT_EQ(all[i].body, "message " + std::to_string(i));
    if (i > 0) {
      EXPECT_GT(all[i].seq, all[i - 1].seq);
    }
  }
  EXPECT_EQ(all[0].from, "sender");
  EXPECT_EQ(all[1].from, "receiver");
  EXPECT_EQ(all[1].author_org, "o-b");
  // A page of `limit` and one more, which tells the caller that the thread goes on.
  auto after = write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).messages(partner_, "r1", all[1].seq, 2);
  });
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].id, "m2");
  EXPECT_EQ(after[1].id, "m3");
  EXPECT_EQ(after[2].id, "m4");
  auto last = write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).messages(partner_, "r1", all[2].seq, 2);
  });
  ASSERT_EQ(last.size(), 2u) << "the last page has no extra";
  auto none = write([&](WriteTxn& tx) {
    return SqlReferralStore(tx).messages(cw_, "r1", all[4].seq, 50);
  });
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, AReaderFollowingTheThreadMissesNoMessageOfAConcurrentTransaction) {
  add_referral("r1");
  // Two processes on one database post to the same thread: A's message is written first but
  // commits last. A reader whose cursor passed B's message must still get A's.
  auto a = Connection::open(db_, {});
  a.exec("BEGIN IMMEDIATE");
  WriteTxn ta(a);
  SqlReferralStore(ta).insert_message(cw_, "m-a", "r1", "first written", now_);
  auto b = std::async(std::launch::async, [&] {
    auto c = Connection::open(db_, {});
    c.exec("BEGIN IMMEDIATE");  // SQLite: waits for A's write lock
    WriteTxn tb(c);
    SqlReferralStore(tb).insert_message(partner_, "m-b", "r1", "first committed", now_);
    c.exec("COMMIT");
  });
  std::vector<core::MessageRecord> seen;
  auto read_on = [&] {
    const std::int64_t after = seen.empty() ? 0 : seen.back().seq;
    auto page = write([&](WriteTxn& tx) { return SqlReferralStore(tx).messages(cw_, "r1", after, 50); });
    seen.insert(seen.end(), page.begin(), page.end());
  };
  // B commits while A is open where the engine lets it (the reader then sees B alone).
  if (b.wait_for(std::chrono::milliseconds(300)) == std::future_status::ready) read_on();
  a.exec("COMMIT");
  b.get();
  read_on();
  std::vector<std::string> ids;
  for (const auto& m : seen) ids.push_back(m.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"m-a", "m-b"}));
}

TEST_P(StoreContract, ATrackingCodeIsTheSentReferralsOwn) {
  add_referral("r1");
  add_referral("r2", Status::draft);
  auto [issued, taken] = write([](WriteTxn& tx) {
    const bool first = TrackingRepository::insert(tx, "r1", "ABCD-EFGH", "hash");
    return std::pair(first, TrackingRepository::insert(tx, "r2", "ABCD-EFGH", "hash"));
  });
  EXPECT_TRUE(issued);
  EXPECT_FALSE(taken) << "a code already taken is refused, so that the caller draws another";
  auto codes = write([](WriteTxn& tx) {
    SqlReferralStore s(tx);
    return std::pair(s.tracking_code("r1"), s.tracking_code("r2"));
  });
  EXPECT_EQ(codes.first, "ABCD-EFGH");
  EXPECT_FALSE(codes.second);
}

TEST_P(StoreContract, RespondLinksExpireThirtyDaysAfterTheReferralEnded) {
  auto sent = add_referral("r1", Status::requested, "o-ext");
  add_referral("r2");
  auto [external, internal, open] = write([](WriteTxn& tx) {
    SqlReferralStore s(tx);
    return std::tuple(s.has_external_receiver("r1"), s.has_external_receiver("r2"),
                      s.respond_link_expiry("r1"));
  });
  EXPECT_TRUE(external);
  EXPECT_FALSE(internal);
  EXPECT_FALSE(open) << "no expiry while the referral is open";
  const auto closed_at = now_ + 5min;
  ASSERT_TRUE(move(cw_, sent, Status::cancelled, closed_at).has_value());
  auto expiry = write([](WriteTxn& tx) { return SqlReferralStore(tx).respond_link_expiry("r1"); });
  EXPECT_EQ(expiry, core::respond_link_expiry(closed_at));
  EXPECT_EQ(expiry, closed_at + std::chrono::hours(24 * 30));
}

// ---- ReferralReader -------------------------------------------------------------------------

TEST_P(StoreContract, TheBoxReaderPagesOverdueFirstThenNewestWithOneMore) {
  add_referral("r1");  // due in 72 hours
  add_referral("r2", Status::draft);
  add_referral("r3");  // the same deadline as r1
  const auto later = now_ + 73h;  // r1 and r3 overdue
  ReadTxn tx(*conn_);
  SqlReferralReader reader(tx);
  auto page = [&](const core::Actor& actor, core::Box box, int limit,
                  std::optional<core::ListPosition> after) {
    core::ReferralListQuery q;
    q.box = box;
    q.limit = limit;
    q.after = after;
    auto rows = reader.list_referrals(actor, q, later);
    EXPECT_TRUE(rows.has_value()) << rows.error().detail;
    return rows ? *rows : std::vector<core::ListedReferral>{};
  };
  auto ids = [](const std::vector<core::ListedReferral>& rows) {
    std::vector<std::string> out;
    for (const auto& l : rows) out.push_back(l.referral.id);
    return out;
  };
  auto first = page(cw_, core::Box::outbox, 1, std::nullopt);
  EXPECT_EQ(ids(first), (std::vector<std::string>{"r1", "r3"}))
      << "overdue first, a shared deadline in insertion order; one more than the page";
  ASSERT_EQ(first.size(), 2u);
  EXPECT_TRUE(first[0].position.overdue);
  EXPECT_TRUE(first[0].referral.sender_view);
  // A cursor goes out as text and comes back: the next page resumes inside the tied deadline.
  auto after_r1 = core::ListPosition::parse(first[0].position.text());
  ASSERT_TRUE(after_r1);
  EXPECT_EQ(ids(page(cw_, core::Box::outbox, 1, after_r1)), (std::vector<std::string>{"r3", "r2"}));
  auto after_r3 = core::ListPosition::parse(first[1].position.text());
  auto last = page(cw_, core::Box::outbox, 1, after_r3);
  EXPECT_EQ(ids(last), (std::vector<std::string>{"r2"}));
  ASSERT_EQ(last.size(), 1u);
  EXPECT_FALSE(last[0].position.overdue) << "a draft has no deadline";
  auto inbox = page(partner_, core::Box::inbox, 50, std::nullopt);
  EXPECT_EQ(ids(inbox), (std::vector<std::string>{"r1", "r3"})) << "never the sender's draft";
  for (const auto& l : inbox) EXPECT_FALSE(l.referral.sender_view || l.referral.case_id);
  EXPECT_TRUE(page(stranger_, core::Box::outbox, 50, std::nullopt).empty());
  EXPECT_TRUE(page(stranger_, core::Box::inbox, 50, std::nullopt).empty());
}

// ---- TrackingStore --------------------------------------------------------------------------

TEST_P(StoreContract, TheTrackingStoreKeepsThePinStateThePageAndTheFeedback) {
  add_referral("r1");
  write([](WriteTxn& tx) { return TrackingRepository::insert(tx, "r1", "ABCD2345", "hash"); });
  const auto until = now_ + 1h;
  auto [found, missing, locked] = write([&](WriteTxn& tx) {
    SqlTrackingStore s(tx);
    auto before = s.find_tracking("ABCD2345");
    auto none = s.find_tracking("ZZZZ9999");
    s.set_pin_lock("ABCD2345", core::PinLock{5, until});
    return std::tuple(before, none, s.find_tracking("ABCD2345"));
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->referral_id, "r1");
  EXPECT_EQ(found->pin_hash, "hash");
  EXPECT_EQ(found->failures, 0);
  EXPECT_FALSE(found->locked_until);
  EXPECT_FALSE(missing);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->failures, 5);
  EXPECT_EQ(locked->locked_until, until);
  auto view = write([&](WriteTxn& tx) {
    SqlTrackingStore s(tx);
    s.insert_person_message("m1", "r1", "They gave me a bed.", now_);
    s.add_feedback("f1", "r1", core::FeedbackOutcome::got_service, 5, "m1", now_);
    return s.track_view("r1");
  });
  EXPECT_EQ(view.category, "shelter");
  EXPECT_EQ(view.status, "requested");
  EXPECT_EQ(view.organization, "Shelter");
  EXPECT_EQ(view.service_name, "Beds");
  EXPECT_EQ(view.from_org, "o-a");
  EXPECT_EQ(view.to_org, "o-b");
  EXPECT_EQ(count("SELECT COUNT(*) FROM referral_message WHERE referral_id = 'r1' AND "
                  "author_kind = 'person'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_feedback WHERE referral_id = 'r1' AND "
                  "message_id = 'm1' AND rating = 5"),
            1);
}

// ---- AuditTrail -----------------------------------------------------------------------------

TEST_P(StoreContract, AnAuditEventCommitsWithTheChangeItRecords) {
  write([&](WriteTxn& tx) {
    EXPECT_TRUE(SqlCaseStore(tx).insert_case(cw_, "c1", file("Ana", "Pérez"), now_));
    SqlAuditTrail(tx, origin(cw_)).record("case.create", "case", "c1", "ok");
    return true;
  });
  auto st = conn_->prepared(
      "SELECT action, entity_type, entity_id, outcome, actor_user, organization, at "
      "FROM audit_event WHERE entity_id = 'c1'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "case.create");
  EXPECT_EQ(st.text(1), "case");
  EXPECT_EQ(st.text(3), "ok");
  EXPECT_EQ(st.text(4), "u-cw");
  EXPECT_EQ(st.text(5), "o-a");
  EXPECT_EQ(st.int64(6), core::to_millis(now_));
  EXPECT_FALSE(st.step());
}

TEST_P(StoreContract, AnAuditEventRollsBackWithItsTransaction) {
  EXPECT_ANY_THROW(write([&](WriteTxn& tx) -> bool {
    EXPECT_TRUE(SqlCaseStore(tx).insert_case(cw_, "c1", file("Ana", "Pérez"), now_));
    SqlAuditTrail(tx, origin(cw_)).record("case.create", "case", "c1", "ok");
    throw std::runtime_error("the request failed after both were written");
  }));
  EXPECT_EQ(count("SELECT count(*) FROM audit_event"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM case_file"), 0);
  // The chain goes on from where it was: the next event is the first.
  write([&](WriteTxn& tx) {
    SqlAuditTrail(tx, origin(cw_)).record("case.read", "case", "c2", "ok");
    return true;
  });
  EXPECT_EQ(count("SELECT min(seq) FROM audit_event"), 1);
  auto report = verify_audit_log(db_, "");
  ASSERT_TRUE(report.has_value()) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->events, 1);
}

TEST_P(StoreContract, TheAuditChainVerifiesAfterConcurrentAppends) {
  constexpr int kWriters = 4, kTransactions = 10;
  // Each writer on its own connection, as two processes on one database would; every third
  // transaction rolls back after appending.
  auto writer = [&](int w) {
    auto c = Connection::open(db_, {});
    int committed = 0;
    for (int t = 0; t < kTransactions; ++t) {
      c.exec("BEGIN IMMEDIATE");
      WriteTxn tx(c);
      core::Actor actor{"u-w" + std::to_string(w), "o-a", {core::Role::caseworker}, ""};
      SqlAuditTrail trail(tx, origin(actor));
      trail.record("case.read", "case", "c" + std::to_string(w * 100 + t), "ok");
      trail.record("case.list", "case", "", "ok");
      if (t % 3 == 2) {
        c.exec("ROLLBACK");
        continue;
      }
      c.exec("COMMIT");
      committed += 2;
    }
    return committed;
  };
  std::vector<std::future<int>> writers;
  for (int w = 0; w < kWriters; ++w) writers.push_back(std::async(std::launch::async, writer, w));
  int committed = 0;
  for (auto& f : writers) committed += f.get();

  EXPECT_EQ(count("SELECT count(*) FROM audit_event"), committed);
  EXPECT_EQ(count("SELECT max(seq) FROM audit_event"), committed) << "no gap";
  auto report = verify_audit_log(db_, "");
  ASSERT_TRUE(report.has_value()) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->problem << " at " << report->broken_seq.value_or(0);
  EXPECT_EQ(report->events, committed);
}

// ---- WebhookStore, NotificationStore and the read ports of coordination and operations -------

TEST_P(StoreContract, WebhooksAreTheirOrganisationsOnlyAlike) {
  const core::WebhookDraft hook{"wh-1", "https://example.org/hook",
                                {"referral.created", "referral.message"}, "whsec_x"};
  auto saved = write([&](WriteTxn& tx) {
    SqlWebhookStore store(tx);
    auto r = store.insert_webhook("o-a", hook, "u-adm", now_);
    EXPECT_EQ(store.count_webhooks("o-a"), 1);
    EXPECT_EQ(store.count_webhooks("o-b"), 0);
    return r;
  });
  EXPECT_EQ(saved.id, "wh-1");
  EXPECT_EQ(saved.organization_id, "o-a");
  EXPECT_EQ(saved.events, hook.events);
  EXPECT_EQ(saved.created_at, now_);
  {
    ReadTxn tx(*conn_);
    SqlWebhookReader reader(tx);
    EXPECT_TRUE(reader.organization_exists("o-b"));
    EXPECT_FALSE(reader.organization_exists("o-none"));
    auto mine = reader.webhooks("o-a");
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].url, hook.url);
    EXPECT_EQ(mine[0].events, hook.events);
    EXPECT_FALSE(mine[0].disabled_at);
    EXPECT_TRUE(reader.webhooks("o-b").empty());
    auto log = reader.webhook_deliveries("o-a", "wh-1");
    ASSERT_TRUE(log.has_value());
    EXPECT_TRUE(log->empty());
    EXPECT_EQ(reader.webhook_deliveries("o-b", "wh-1").error().code, core::ErrorCode::not_found);
  }
  auto removed_by_other = write([](WriteTxn& tx) { return SqlWebhookStore(tx).remove_webhook("o-b", "wh-1"); });
  EXPECT_EQ(removed_by_other.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(count("SELECT count(*) FROM webhook"), 1);
  auto removed = write([](WriteTxn& tx) { return SqlWebhookStore(tx).remove_webhook("o-a", "wh-1"); });
  EXPECT_TRUE(removed.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM webhook"), 0);
}

TEST_P(StoreContract, MailChoicesAreEachUsersAndTheQueueIsNewestFirstAlike) {
  write([](WriteTxn& tx) {
    SqlNotificationStore(tx).replace_mail_choices(
        "u-p", {{"referral.created", core::MailMode::daily}, {"digest", core::MailMode::off}});
    SqlNotificationStore(tx).replace_mail_choices("u-cw", {{"referral.message", core::MailMode::off}});
    return true;
  });
  write([](WriteTxn& tx) {  // replaces every choice: a key left out goes back to its default
    SqlNotificationStore(tx).replace_mail_choices("u-p", {{"referral.created", core::MailMode::off}});
    return true;
  });
  conn_->exec(R"sql(
      INSERT INTO mail_outbox (user_id, event, referral_id, state, created_at, next_attempt_at)
        VALUES ('u-p', 'referral.created', 'r1', 'sent', 1, 1),
               ('u-p', 'referral.created', 'r2', 'queued', 2, 2),
               ('u-cw', 'referral.message', 'r2', 'queued', 3, 3);)sql");
  ReadTxn tx(*conn_);
  SqlNotificationReader reader(tx);
  EXPECT_EQ(reader.mail_choices("u-p"),
            (core::MailChoices{{"referral.created", core::MailMode::off}}));
  EXPECT_EQ(reader.mail_choices("u-cw"),
            (core::MailChoices{{"referral.message", core::MailMode::off}}));
  EXPECT_TRUE(reader.mail_choices("u-x").empty());
  auto all = reader.mail_queue({"", 0, 10});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_GT(all[0].id, all[1].id);
  EXPECT_EQ(all[0].user_id, "u-cw");
  EXPECT_EQ(all[0].state, "queued");
  EXPECT_EQ(all[2].state, "sent");
  auto queued = reader.mail_queue({"queued", all[0].id, 10});  // after the cursor
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].id, all[1].id);
  EXPECT_EQ(reader.mail_queue({"", 0, 1}).size(), 1u);
}

TEST_P(StoreContract, TheGapReportReaderCountsInItsScopeAndRefusesAnUnknownTerritoryAlike) {
  add_referral("r1");
  core::GapQueryDraft d;
  d.territory = "t-albay";
  auto query = core::make_gap_query(d, core::date_of(now_));
  ASSERT_TRUE(query.has_value());
  ReadTxn tx(*conn_);
  SqlGapReportReader reader(tx);
  auto network = reader.gather(core::GapScope{}, *query, now_);
  ASSERT_TRUE(network.has_value()) << network.error().detail;
  auto of = [](const core::GapReport& r, const std::string& category) {
    for (const auto& c : r.categories)
      if (c.category == category) return c;
    return core::CategoryFigures{};
  };
  EXPECT_EQ(of(*network, "shelter").demand, 1);
  EXPECT_EQ(of(*network, "shelter").referrals["requested"], 1);
  EXPECT_EQ(of(*network, "shelter").supply.services, 1);
  auto sender = reader.gather(core::GapScope{"o-a"}, *query, now_);
  ASSERT_TRUE(sender.has_value());
  EXPECT_EQ(of(*sender, "shelter").demand, 1);
  auto unrelated = reader.gather(core::GapScope{"o-c"}, *query, now_);
  ASSERT_TRUE(unrelated.has_value());
  EXPECT_EQ(of(*unrelated, "shelter").demand, 0);
  EXPECT_EQ(of(*unrelated, "shelter").referrals["requested"], 0);
  EXPECT_EQ(of(*unrelated, "shelter").supply.services, 1) << "supply is the public directory";
  core::GapQuery nowhere = *query;
  nowhere.territory_id = "t-none";
  auto unknown = reader.gather(core::GapScope{}, nowhere, now_);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::invalid);
  if (!conn_->is_postgres()) {
    // The report maps the file only while it reads: the connection's later reads must not pay
    // for a mapping that every commit undoes (storage/sql_gap_report_reader.cpp).
    auto mmap = conn_->prepared("PRAGMA mmap_size");
    ASSERT_TRUE(mmap.step());
    EXPECT_EQ(mmap.int64(0), 0);
  }
}

TEST_P(StoreContract, TheAuditLogReaderListsNewestFirstAndVerifiesTheChainAlike) {
  core::Actor auditor{"u-aud", "", {core::Role::auditor}, ""};
  write([&](WriteTxn& tx) {
    SqlAuditTrail trail(tx, origin(cw_));
    trail.record("case.read", "case", "c1", "ok");
    trail.record("case.read", "case", "c2", "denied");
    trail.record("referral.read", "referral", "r1", "ok");
    return true;
  });
  ReadTxn tx(*conn_);
  SqlAuditLogReader reader(tx);
  core::AuditFilter f;
  f.limit = 1;
  f.entity_type = "case";
  auto page = reader.events(auditor, f);
  ASSERT_TRUE(page.has_value()) << page.error().detail;
  ASSERT_EQ(page->size(), 2u);  // limit + 1
  EXPECT_EQ((*page)[0].event.entity_id, "c2");
  EXPECT_EQ((*page)[0].event.outcome, "denied");
  EXPECT_EQ((*page)[1].event.entity_id, "c1");
  EXPECT_EQ((*page)[0].prev_hash, (*page)[1].hash);
  EXPECT_EQ(reader.events(cw_, f).error().code, core::ErrorCode::forbidden);
  auto report = reader.verify_chain("");
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 3);
  auto expected = reader.verify_chain((*page)[0].hash);
  EXPECT_TRUE(expected.ok) << expected.problem;
  auto elsewhere = reader.verify_chain(std::string(64, 'a'));
  EXPECT_FALSE(elsewhere.ok);
}

TEST_P(StoreContract, TheLiveEventReaderReplaysWhatTheOrganisationHearsAlike) {
  auto ids = write([&](WriteTxn& tx) {
    std::vector<std::int64_t> out;
    out.push_back(LiveEventRepository::insert(tx, "o-a", "", "referral.created", "{\"d\":1}", now_));
    out.push_back(LiveEventRepository::insert(tx, "o-a", "o-b", "referral.created", "{\"d\":2}", now_));
    out.push_back(LiveEventRepository::insert(tx, "o-c", "o-b", "referral.message", "{\"d\":3}", now_));
    return out;
  });
  ReadTxn tx(*conn_);
  SqlLiveEventReader reader(tx);
  auto sent = reader.events_after("o-a", {false, true}, 0);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].id, ids[0]);
  EXPECT_EQ(sent[1].data, "{\"d\":2}");
  auto received = reader.events_after("o-b", {true, false}, 0);
  ASSERT_EQ(received.size(), 2u) << "a draft is the sender's alone";
  EXPECT_EQ(received[0].id, ids[1]);
  EXPECT_EQ(received[1].type, "referral.message");
  EXPECT_EQ(received[1].sender, "o-c");
  EXPECT_EQ(received[1].at, now_);
  EXPECT_EQ(reader.events_after("o-b", {true, false}, ids[1]).size(), 1u);
  EXPECT_TRUE(reader.events_after("o-b", {false, true}, 0).empty());
}

TEST_P(StoreContract, TheBacklogCountsWhatWaitsAlike) {
  add_referral("r1");  // respond_by: now + 72 hours
  conn_->exec(R"sql(
      INSERT INTO mail_outbox (user_id, event, referral_id, state, created_at, next_attempt_at)
        VALUES ('u-p', 'referral.created', 'r1', 'queued', 1795000000000, 1795000000000),
               ('u-p', 'referral.created', 'r1', 'sent', 1794000000000, 1794000000000);)sql");
  write([&](WriteTxn& tx) {
    SqlWebhookStore(tx).insert_webhook("o-b", {"wh-1", "https://example.org/h", {"referral.created"}, "s"},
                                       "u-p", now_);
    SqlWebhookStore(tx).insert_webhook("o-a", {"wh-2", "https://example.org/h", {"referral.created"}, "s"},
                                       "u-adm", now_);
    return true;
  });
  conn_->exec(R"sql(
      UPDATE webhook SET disabled_at = 1 WHERE id = 'wh-2';
      INSERT INTO webhook_delivery (id, webhook_id, event_id, type, body, state, created_at)
        VALUES ('d1', 'wh-1', 1, 'referral.created', '{}', 'queued', 1794900000000),
               ('d2', 'wh-1', 2, 'referral.created', '{}', 'sent', 1794800000000),
               ('d3', 'wh-2', 3, 'referral.created', '{}', 'queued', 1794700000000);)sql");
  ReadTxn tx(*conn_);
  SqlOperationsReader reader(tx);
  EXPECT_NO_THROW(reader.probe());
  auto before = reader.backlog(now_);
  EXPECT_EQ(before.overdue_referrals, 0);
  EXPECT_EQ(before.mail.queued, 1);
  EXPECT_EQ(before.mail.oldest_queued, core::from_millis(1795000000000));
  EXPECT_EQ(before.webhooks.queued, 1) << "a disabled webhook's deliveries wait for nothing";
  EXPECT_EQ(before.webhooks.oldest_queued, core::from_millis(1794900000000));
  EXPECT_EQ(reader.backlog(now_ + 73h).overdue_referrals, 1);
}

// ---- MailQueue, WebhookOutbox, the referral notices and the system's audit trail -------------

// Deterministic secrets: the first tracking code drawn is `first_code`, then "NEXT-<n>".
class FixedSecrets final : public core::NoticeSecrets {
 public:
  std::string first_code = "ABCD-EFGH";
  int codes_asked = 0, links_drawn = 0;
  core::DrawnTracking draw_tracking() override {
    return {{first_code, "123456"}, "pbkdf2-sha256$1$00$00"};
  }
  std::string new_tracking_code() override { return "NEXT-" + std::to_string(++codes_asked); }
  core::DrawnRespondLink draw_respond_link() override {
    ++links_drawn;
    return {"token-" + std::to_string(links_drawn), "hash-" + std::to_string(links_drawn)};
  }
};

class RecordedHub final : public core::LiveEventHub {
 public:
  std::vector<core::LiveEventRecord> events;
  void publish_on_commit(core::LiveEventRecord e) override { events.push_back(std::move(e)); }
};

TEST_P(StoreContract, TheMailQueueTakesAnEventsMailsWhenDueAndRecordsTheirOutcomeAlike) {
  conn_->exec(R"sql(
      UPDATE app_user SET email = id || '@example.org';
      UPDATE app_user SET language = 'en' WHERE id = 'u-p';)sql");
  add_referral("r1");
  const int queued = write([&](WriteTxn& tx) {
    // The caseworker who sent it acted: only the receiving partner hears of it.
    return SqlMailQueue(tx).queue_event_mails({"referral.created", "r1", "requested", true, "u-cw"},
                                              now_);
  });
  EXPECT_EQ(queued, 1);
  auto due = [&](core::Timestamp at) {
    ReadTxn tx(*conn_);
    return SqlDueMailReader(tx).due_mails(at, 10);
  };
  EXPECT_TRUE(due(now_ - 1ms).empty());
  auto mails = due(now_);
  ASSERT_EQ(mails.size(), 1u);
  const auto m = mails[0];
  EXPECT_EQ(m.user_id, "u-p");
  EXPECT_EQ(m.email, "u-p@example.org");
  EXPECT_EQ(m.language, "en");
  EXPECT_EQ(m.event, "referral.created");
  EXPECT_EQ(m.status, "requested");
  EXPECT_EQ(m.organization, "Shelter");
  EXPECT_EQ(m.deadline, now_ + 72h);
  EXPECT_EQ(m.attempts, 0);
  EXPECT_FALSE(m.first_failed_at);
  EXPECT_TRUE(m.deliverable);

  // A failed try waits for its retry; the first failure is kept.
  write([&](WriteTxn& tx) {
    SqlMailQueue(tx).mark_attempt_failed(m.id, "451 busy", now_ + 10s, now_);
    return true;
  });
  EXPECT_TRUE(due(now_ + 9s).empty());
  auto again = due(now_ + 10s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  EXPECT_EQ(again[0].first_failed_at, now_);
  write([&](WriteTxn& tx) {
    SqlMailQueue(tx).mark_attempt_failed(m.id, "451 busy", now_ + 40s, now_ + 10s);
    return true;
  });
  EXPECT_EQ(due(now_ + 40s).at(0).first_failed_at, now_);
  write([&](WriteTxn& tx) {
    SqlMailQueue(tx).mark_sent(m.id, now_ + 40s);
    SqlMailQueue(tx).mark_sent(m.id, now_ + 50s);  // only a queued mail is marked
    return true;
  });
  EXPECT_TRUE(due(now_ + 1h).empty());
  {
    ReadTxn tx(*conn_);
    auto rows = SqlNotificationReader(tx).mail_queue({"", 0, 10});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, "sent");
    EXPECT_EQ(rows[0].attempts, 3);
    EXPECT_EQ(rows[0].sent_at, now_ + 40s);
  }

  // Without a retry time a failure is final; a deactivated account's mail is undeliverable.
  write([&](WriteTxn& tx) {
    return SqlMailQueue(tx).queue_event_mails({"referral.overdue", "r1", "requested", true, ""},
                                              now_ + 2h);
  });
  auto overdue = due(now_ + 2h);
  ASSERT_EQ(overdue.size(), 2u) << "the partner and the caseworker who sent it";
  conn_->exec("UPDATE app_user SET active = 0 WHERE id = 'u-cw'");
  for (const auto& o : due(now_ + 2h)) EXPECT_EQ(o.deliverable, o.user_id != "u-cw") << o.user_id;
  write([&](WriteTxn& tx) {
    for (const auto& o : overdue) SqlMailQueue(tx).mark_attempt_failed(o.id, "550", std::nullopt, now_ + 2h);
    return true;
  });
  EXPECT_TRUE(due(now_ + 100h).empty());
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE state = 'failed'"), 2);
}

TEST_P(StoreContract, DailyEntriesBecomeOneDigestPerUserLabelledWithTheDayAlike) {
  conn_->exec("UPDATE app_user SET email = id || '@example.org'");
  add_referral("r1");
  add_referral("r2");
  write([](WriteTxn& tx) {
    SqlNotificationStore(tx).replace_mail_choices("u-p", {{"referral.created", core::MailMode::daily}});
    return true;
  });
  const int immediate = write([&](WriteTxn& tx) {
    SqlMailQueue q(tx);
    return q.queue_event_mails({"referral.created", "r1", "requested", true, "u-cw"}, now_) +
           q.queue_event_mails({"referral.created", "r2", "requested", true, "u-cw"}, now_ + 1s);
  });
  EXPECT_EQ(immediate, 0) << "the partner chose daily";
  EXPECT_EQ(count("SELECT count(*) FROM mail_digest_item"), 2);
  const int none = write([&](WriteTxn& tx) {
    return SqlMailQueue(tx).queue_digests(now_, "2026-11-17", now_);  // entries at now_ stay
  });
  EXPECT_EQ(none, 0);
  const int digests = write([&](WriteTxn& tx) {
    return SqlMailQueue(tx).queue_digests(now_ + 1h, "2026-11-18", now_ + 1h);
  });
  EXPECT_EQ(digests, 1);
  EXPECT_EQ(count("SELECT count(*) FROM mail_digest_item"), 0);
  ReadTxn tx(*conn_);
  auto due = SqlDueMailReader(tx).due_mails(now_ + 1h, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].event, "digest");
  EXPECT_EQ(due[0].user_id, "u-p");
  EXPECT_EQ(due[0].detail, "{\"day\":\"2026-11-18\",\"referral.created\":2}");
}

TEST_P(StoreContract, AReferralSentGetsItsTrackingCodeAndItsExternalReceiversMailedLinkAlike) {
  conn_->exec("UPDATE organization SET email = 'kitchen@example.org' WHERE id = 'o-ext'");
  add_referral("r-taken");
  write([](WriteTxn& tx) { return TrackingRepository::insert(tx, "r-taken", "ABCD-EFGH", "h"); });
  add_referral("r1", Status::requested, "o-ext");
  FixedSecrets secrets;
  RecordedHub hub;
  auto tracking = write([&](WriteTxn& tx) {
    return SqlReferralNotices(tx, secrets, hub, true).referral_sent("r1", now_);
  });
  EXPECT_EQ(tracking.code, "NEXT-1") << "a code already taken is drawn again";
  EXPECT_EQ(tracking.pin, "123456");
  EXPECT_EQ(count("SELECT count(*) FROM referral_tracking WHERE referral_id = 'r1' AND code = 'NEXT-1'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM respond_link WHERE referral_id = 'r1' AND token_hash = 'hash-1'"), 1);
  {
    ReadTxn tx(*conn_);
    auto due = SqlDueMailReader(tx).due_mails(now_, 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].event, "referral.respond_link");
    EXPECT_EQ(due[0].email, "kitchen@example.org");
    EXPECT_EQ(due[0].link_token, "token-1");
    EXPECT_TRUE(due[0].deliverable);
  }
  // A new link replaces the old one and is handed over, not mailed.
  auto link = write([&](WriteTxn& tx) {
    return SqlReferralNotices(tx, secrets, hub, true).new_respond_link("r1", now_ + 1min);
  });
  EXPECT_EQ(link, "token-2");
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox"), 1);
  {
    WriteTxn tx(*conn_);
    EXPECT_FALSE(RespondLinkRepository::resolve(tx, "hash-1", now_ + 2min));
    EXPECT_TRUE(RespondLinkRepository::resolve(tx, "hash-2", now_ + 2min));
  }
  // A receiver with accounts has no link; without e-mail set up nothing is mailed.
  add_referral("r2");
  auto none = write([&](WriteTxn& tx) {
    return SqlReferralNotices(tx, secrets, hub, true).new_respond_link("r2", now_);
  });
  EXPECT_FALSE(none);
  add_referral("r3", Status::requested, "o-ext");
  write([&](WriteTxn& tx) { return SqlReferralNotices(tx, secrets, hub, false).referral_sent("r3", now_); });
  EXPECT_EQ(count("SELECT count(*) FROM respond_link WHERE referral_id = 'r3'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox"), 1);
  EXPECT_TRUE(hub.events.empty());
}

TEST_P(StoreContract, AReferralEventIsLoggedAndMailedInItsTransactionAlike) {
  conn_->exec("UPDATE app_user SET email = id || '@example.org'");
  add_referral("r1");
  FixedSecrets secrets;
  RecordedHub hub;
  const core::ReferralEvent sent{"referral.updated", "r1", "o-a", "o-b", Status::requested, 2};
  EXPECT_ANY_THROW(write([&](WriteTxn& tx) -> bool {
    SqlReferralNotices(tx, secrets, hub, true).referral_changed(sent, now_, "u-cw");
    throw std::runtime_error("the change failed after its event");
  }));
  EXPECT_EQ(count("SELECT count(*) FROM live_event"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox"), 0);
  hub.events.clear();
  write([&](WriteTxn& tx) {
    SqlReferralNotices(tx, secrets, hub, true).referral_changed(sent, now_, "u-cw");
    return true;
  });
  {
    ReadTxn tx(*conn_);
    auto logged = SqlLiveEventReader(tx).events_after("o-b", {true, false}, 0);
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_EQ(logged[0].type, "referral.updated");
    EXPECT_EQ(logged[0].data, "{\"referral_id\":\"r1\",\"status\":\"requested\",\"version\":2}");
    EXPECT_EQ(logged[0].at, now_);
    // A draft sent is new to the receiving organisation: its partner is mailed "created".
    auto due = SqlDueMailReader(tx).due_mails(now_, 10);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].user_id, "u-p");
    EXPECT_EQ(due[0].event, "referral.created");
    if (GetParam() == Engine::sqlite) {
      // The hub hears it from the writer after COMMIT, with the id it was logged under.
      ASSERT_EQ(hub.events.size(), 1u);
      EXPECT_EQ(hub.events[0].id, logged[0].id);
      EXPECT_EQ(hub.events[0].data, logged[0].data);
      EXPECT_EQ(hub.events[0].sender, "o-a");
      EXPECT_EQ(hub.events[0].receiver, "o-b");
    } else {
      EXPECT_TRUE(hub.events.empty()) << "every process hears it from the database feed";
    }
  }
  // Without e-mail set up the event is logged and nobody is mailed.
  write([&](WriteTxn& tx) {
    SqlReferralNotices(tx, secrets, hub, false)
        .referral_changed({"referral.overdue", "r1", "o-a", "o-b", Status::requested, 2}, now_, "");
    return true;
  });
  EXPECT_EQ(count("SELECT count(*) FROM live_event"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox"), 1);
}

TEST_P(StoreContract, TheWebhookOutboxFansOutRetriesAndDisablesAFailingEndpointAlike) {
  write([&](WriteTxn& tx) {
    SqlWebhookStore(tx).insert_webhook("o-b", {"wh-1", "https://example.org/h", {"referral.created"}, "whsec_b"},
                                       "u-p", now_ - 1min);
    SqlWebhookStore(tx).insert_webhook("o-c", {"wh-2", "https://example.org/c", {"referral.created"}, "whsec_c"},
                                       "u-x", now_ - 1min);
    return true;
  });
  auto waiting = [&] {
    ReadTxn tx(*conn_);
    return SqlWebhookOutboxReader(tx).has_new_events();
  };
  auto due = [&](core::Timestamp at) {
    ReadTxn tx(*conn_);
    return SqlWebhookOutboxReader(tx).due_deliveries(at, 10);
  };
  EXPECT_FALSE(waiting());
  write([&](WriteTxn& tx) {
    LiveEventRepository::insert(tx, "o-a", "o-b", "referral.created", "{\"referral_id\":\"r1\"}", now_);
    LiveEventRepository::insert(tx, "o-a", "o-b", "referral.message", "{\"referral_id\":\"r1\"}", now_);
    return true;
  });
  EXPECT_TRUE(waiting());
  int ids = 0;
  core::WebhookFanOut make{[&ids] { return "msg_" + std::to_string(++ids); },
                           [](const core::WebhookEvent& e, const std::string& org) {
                             return e.type + " for " + org + " " + e.data;
                           }};
  auto taken = write([&](WriteTxn& tx) { return SqlWebhookOutbox(tx).fan_out(make, now_, 1); });
  EXPECT_EQ(taken, 1u) << "one event at a time, as limited";
  EXPECT_TRUE(waiting());
  taken = write([&](WriteTxn& tx) { return SqlWebhookOutbox(tx).fan_out(make, now_, 10); });
  EXPECT_EQ(taken, 1u) << "the message was not subscribed to: consumed, nothing delivered";
  EXPECT_FALSE(waiting());
  auto d = due(now_);
  ASSERT_EQ(d.size(), 1u) << "the unrelated organisation's webhook hears nothing";
  EXPECT_EQ(d[0].id, "msg_1");
  EXPECT_EQ(d[0].webhook_id, "wh-1");
  EXPECT_EQ(d[0].organization_id, "o-b");
  EXPECT_EQ(d[0].url, "https://example.org/h");
  EXPECT_EQ(d[0].secret, "whsec_b");
  EXPECT_EQ(d[0].body, "referral.created for o-b {\"referral_id\":\"r1\"}");
  EXPECT_EQ(d[0].attempts, 0);

  auto failure = write([&](WriteTxn& tx) {
    return SqlWebhookOutbox(tx).record_failure(d[0], 503, "HTTP 503", now_, now_ + 10s);
  });
  EXPECT_FALSE(failure.delivery_given_up);
  EXPECT_FALSE(failure.endpoint_disabled);
  EXPECT_TRUE(due(now_ + 9s).empty());
  auto retry = due(now_ + 10s);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].attempts, 1);
  EXPECT_EQ(retry[0].first_failed_at, now_);
  write([&](WriteTxn& tx) {
    SqlWebhookOutbox(tx).record_success(retry[0], 204, now_ + 10s);
    return true;
  });
  EXPECT_TRUE(due(now_ + 1h).empty());
  {
    ReadTxn tx(*conn_);
    auto log = SqlWebhookReader(tx).webhook_deliveries("o-b", "wh-1");
    ASSERT_TRUE(log.has_value());
    ASSERT_EQ(log->size(), 1u);
    EXPECT_EQ((*log)[0].state, "sent");
    EXPECT_EQ((*log)[0].last_status, 204);
  }

  // Failing from its first failure on for 3 days: disabled, its queued deliveries failed.
  write([&](WriteTxn& tx) {
    LiveEventRepository::insert(tx, "o-a", "o-b", "referral.created", "{}", now_ + 1h);
    LiveEventRepository::insert(tx, "o-a", "o-b", "referral.created", "{}", now_ + 1h);
    return SqlWebhookOutbox(tx).fan_out(make, now_ + 1h, 10);
  });
  auto two = due(now_ + 1h);
  ASSERT_EQ(two.size(), 2u);
  auto early = write([&](WriteTxn& tx) {
    return SqlWebhookOutbox(tx).record_failure(two[0], std::nullopt, "timeout", now_ + 1h,
                                               now_ + 2h);
  });
  EXPECT_FALSE(early.endpoint_disabled);
  auto late = write([&](WriteTxn& tx) {
    return SqlWebhookOutbox(tx).record_failure(two[1], 500, "HTTP 500", now_ + 73h, std::nullopt);
  });
  EXPECT_TRUE(late.delivery_given_up);
  EXPECT_TRUE(late.endpoint_disabled);
  EXPECT_TRUE(due(now_ + 100h).empty());
  EXPECT_EQ(count("SELECT count(*) FROM webhook_delivery WHERE state = 'failed'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM webhook WHERE id = 'wh-1' AND disabled_at IS NOT NULL"), 1);
}

TEST_P(StoreContract, TheSystemsAuditTrailNamesTheSystemOrNoUserAsAskedAlike) {
  write([&](WriteTxn& tx) {
    SqlSystemAuditTrail(tx, now_).record("o-b", "referral.expire", "referral", "r1");
    SqlSystemAuditTrail(tx, now_ + 1s, "").record("o-b", "webhook.disable", "webhook", "wh-1");
    return true;
  });
  auto st = conn_->prepared(
      "SELECT action, actor_user, organization, role, entity_type, entity_id, outcome, at "
      "FROM audit_event ORDER BY seq");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "referral.expire");
  EXPECT_EQ(st.text(1), "system");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "webhook.disable");
  EXPECT_EQ(st.opt_text(1).value_or(""), "");
  EXPECT_EQ(st.text(2), "o-b");
  EXPECT_EQ(st.text(3), "system");
  EXPECT_EQ(st.text(4), "webhook");
  EXPECT_EQ(st.text(5), "wh-1");
  EXPECT_EQ(st.text(6), "ok");
  EXPECT_EQ(st.int64(7), core::to_millis(now_ + 1s));
  EXPECT_FALSE(st.step());
}



// ---- SessionReader, SessionUses, SessionEndings; IdempotencyStore; shared limits -------------

// The streams a session ending tells, in order.
class RecordedStreams final : public core::SessionStreams {
 public:
  std::vector<std::string> told;
  void end_session(const std::string& session_id) override {
    told.push_back("session " + session_id);
  }
  void end_user_sessions(const std::string& user_id, const std::string& except) override {
    told.push_back("user " + user_id + " but '" + except + "'");
  }
};

// A session of `user` whose token hashes to `hash` (raw bytes), signed in at `at`.
core::NewSession new_session(const std::string& id, const std::string& user,
                             const std::string& hash, core::Timestamp at) {
  core::NewSession s;
  s.id = id;
  s.token_hash = hash;
  s.user_id = user;
  s.address = "192.0.2.1";
  s.user_agent = "test";
  s.created_at = at;
  s.expires_at = at + 12h;
  return s;
}

const std::string kHashA = std::string(31, '\xa7') + '\0';  // raw SHA-256: any byte
const std::string kHashB = std::string(32, '\x01');

TEST_P(StoreContract, ASessionIsFoundByItsTokenWithItsUserAndByIdsInTheOrderAsked) {
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).insert_session(new_session("s-a", "u-cw", kHashA, now_));
    SqlAccountStore(tx).insert_session(new_session("s-b", "u-adm", kHashB, now_ + 1s));
    return true;
  });
  ReadTxn tx(*conn_);
  SqlSessionReader reader(tx);
  auto a = reader.session_by_token(kHashA);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->session.id, "s-a");
  EXPECT_EQ(a->session.user_id, "u-cw");
  EXPECT_EQ(a->session.address, "192.0.2.1");
  EXPECT_EQ(a->session.created_at, now_);
  EXPECT_EQ(a->session.last_used_at, now_);
  EXPECT_EQ(a->session.expires_at, now_ + 12h);
  EXPECT_FALSE(a->session.ended_at);
  EXPECT_EQ(a->actor.user_id, "u-cw");
  EXPECT_EQ(a->actor.organization_id, "o-a");
  EXPECT_EQ(a->actor.roles, std::vector<core::Role>{core::Role::caseworker});
  EXPECT_EQ(a->actor.session_id, "s-a");
  EXPECT_TRUE(a->user_active);
  EXPECT_FALSE(a->totp_enabled);
  EXPECT_FALSE(a->must_change_password);
  EXPECT_FALSE(reader.session_by_token(std::string(32, '\xa7')));
  EXPECT_FALSE(reader.session_by_token(""));

  auto found = reader.sessions_by_ids({"s-b", "s-gone", "s-a"});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].session.id, "s-b");
  EXPECT_EQ(found[0].actor.roles, std::vector<core::Role>{core::Role::org_admin});
  EXPECT_EQ(found[1].session.id, "s-a");
  EXPECT_TRUE(reader.sessions_by_ids({}).empty());

  conn_->exec("UPDATE app_user SET active = 0, must_change_password = 1 WHERE id = 'u-cw'");
  auto deactivated = reader.session_by_token(kHashA);
  ASSERT_TRUE(deactivated);
  EXPECT_FALSE(deactivated->user_active);
  EXPECT_TRUE(deactivated->must_change_password);
}

TEST_P(StoreContract, ASessionsUseMovesItsIdleClockForwardOnly) {
  write([&](WriteTxn& tx) {
    SqlAccountStore(tx).insert_session(new_session("s-a", "u-cw", kHashA, now_));
    return true;
  });
  write([&](WriteTxn& tx) {
    SqlSessionUses(tx).touch("s-a", now_ + 5min);
    return true;
  });
  {
    ReadTxn tx(*conn_);
    EXPECT_EQ(SqlSessionReader(tx).session_by_token(kHashA)->session.last_used_at, now_ + 5min);
  }
  // A use written late (a request that began earlier) never moves it back.
  write([&](WriteTxn& tx) {
    SqlSessionUses(tx).touch("s-a", now_ + 2min);
    SqlSessionUses(tx).touch("s-gone", now_ + 2min);
    return true;
  });
  ReadTxn tx(*conn_);
  EXPECT_EQ(SqlSessionReader(tx).session_by_token(kHashA)->session.last_used_at, now_ + 5min);
}

TEST_P(StoreContract, ACommandEndsSessionRowsInItsOwnTransaction) {
  write([&](WriteTxn& tx) {
    SqlAccountStore store(tx);
    store.insert_session(new_session("s-a", "u-cw", kHashA, now_));
    store.insert_session(new_session("s-a2", "u-cw", kHashB, now_));
    store.insert_session(new_session("s-p", "u-p", std::string(32, '\x04'), now_));
    return true;
  });
  // A command's transaction has no after-commit list: the row endings need none.
  EXPECT_FALSE(write([&](WriteTxn& tx) {
    return SqlSessionEndings(tx).end_session("u-p", "s-a", now_ + 1min);
  })) << "not theirs";
  EXPECT_TRUE(write([&](WriteTxn& tx) {
    return SqlSessionEndings(tx).end_session("u-cw", "s-a", now_ + 1min);
  }));
  EXPECT_EQ(write([&](WriteTxn& tx) {
              return SqlSessionEndings(tx).end_sessions_of("u-cw", "", now_ + 2min);
            }),
            1)
      << "the one still open";
  EXPECT_EQ(count("SELECT COUNT(*) FROM session WHERE ended_at IS NOT NULL"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM session WHERE id = 's-p' AND ended_at IS NULL"), 1);
}

TEST_P(StoreContract, EndingSessionsTellsTheirStreamsOnlyOnceCommitted) {
  write([&](WriteTxn& tx) {
    SqlAccountStore store(tx);
    store.insert_session(new_session("s-a", "u-cw", kHashA, now_));
    store.insert_session(new_session("s-a2", "u-cw", kHashB, now_));
    store.insert_session(new_session("s-a3", "u-cw", std::string(32, '\x03'), now_));
    store.insert_session(new_session("s-p", "u-p", std::string(32, '\x04'), now_));
    return true;
  });
  RecordedStreams streams;
  // As the writer runs a job: the after-commit work once COMMIT returned, none on a rollback.
  auto as_writer = [&](auto fn) {
    WriteTxn::AfterCommit after;
    conn_->exec("BEGIN IMMEDIATE");
    bool commit = false;
    {
      WriteTxn tx(*conn_, &after);
      SqlSessionEndings endings(tx, streams);
      commit = fn(endings);
    }
    conn_->exec(commit ? "COMMIT" : "ROLLBACK");
    if (commit)
      for (auto& f : after) f();
  };
  as_writer([&](core::SessionEndings& e) {
    EXPECT_TRUE(e.end_session("u-cw", "s-a", now_ + 1min));
    EXPECT_TRUE(streams.told.empty()) << "told before COMMIT";
    return false;
  });
  EXPECT_TRUE(streams.told.empty()) << "a rolled back ending tells no stream";
  as_writer([&](core::SessionEndings& e) {
    EXPECT_FALSE(e.end_session("u-p", "s-a", now_ + 1min)) << "not theirs";
    EXPECT_TRUE(e.end_session("u-cw", "s-a", now_ + 1min));
    EXPECT_FALSE(e.end_session("u-cw", "s-a", now_ + 2min)) << "already ended";
    return true;
  });
  EXPECT_EQ(streams.told, std::vector<std::string>{"session s-a"});
  as_writer([&](core::SessionEndings& e) {
    EXPECT_EQ(e.end_sessions_of("u-cw", "s-a2", now_ + 3min), 1);
    return true;
  });
  ASSERT_EQ(streams.told.size(), 2u);
  EXPECT_EQ(streams.told[1], "user u-cw but 's-a2'");

  ReadTxn tx(*conn_);
  SqlSessionReader reader(tx);
  auto found = reader.sessions_by_ids({"s-a", "s-a2", "s-a3", "s-p"});
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].session.ended_at, now_ + 1min);
  EXPECT_FALSE(found[1].session.ended_at) << "the session that made the change stays";
  EXPECT_EQ(found[2].session.ended_at, now_ + 3min);
  EXPECT_FALSE(found[3].session.ended_at) << "another user's session stays";
}

TEST_P(StoreContract, AKeptReplyIsFoundUntilItExpiresAndIsKeptOnce) {
  core::IdempotencyScope scope{"u-cw", "POST /api/v1/cases", "key-1"};
  core::KeptReply reply;
  reply.body_hash = std::string(32, '\x7f');
  reply.status = 201;
  reply.content_type = "application/json";
  reply.headers = {{"Location", "/api/v1/cases/c-1"}, {"ETag", "\"1\""}};
  reply.body = R"({"id":"c-1"})";
  reply.personal_data = true;
  EXPECT_TRUE(write([&](WriteTxn& tx) {
    return SqlIdempotencyStore(tx).keep_reply(scope, reply, now_, now_ - 24h);
  }));
  EXPECT_FALSE(write([&](WriteTxn& tx) {
    return SqlIdempotencyStore(tx).keep_reply(scope, reply, now_ + 1s, now_ + 1s - 24h);
  })) << "a key is kept once";

  ReadTxn tx(*conn_);
  SqlIdempotencyReader reader(tx);
  auto found = reader.kept_reply(scope, now_ - 24h);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->body_hash, reply.body_hash);
  EXPECT_EQ(found->status, 201);
  EXPECT_EQ(found->content_type, "application/json");
  EXPECT_EQ(found->headers, reply.headers);
  EXPECT_EQ(found->body, reply.body);
  EXPECT_TRUE(found->personal_data);
  EXPECT_FALSE(reader.kept_reply(scope, now_ + 1ms)) << "made before the oldest kept";
  EXPECT_FALSE(reader.kept_reply({"u-adm", scope.endpoint, scope.key}, now_ - 24h));
  EXPECT_FALSE(reader.kept_reply({scope.user_id, "POST /api/v1/referrals", scope.key}, now_ - 24h));
  EXPECT_FALSE(reader.kept_reply({scope.user_id, scope.endpoint, "key-2"}, now_ - 24h));
}

TEST_P(StoreContract, FailuresAreCountedPerKeyWithinTheWindowAndForgiven) {
  const std::vector<std::string> keys{"pair:192.0.2.1 cw", "user:u-cw"};
  write([&](WriteTxn& tx) {
    SqlFailureCountStore store(tx);
    store.record_failure(keys, now_, now_ - 15min);
    store.record_failure(keys, now_ + 1min, now_ + 1min - 15min);
    store.record_failure({keys[1]}, now_ + 2min, now_ + 2min - 15min);
    return true;
  });
  {
    ReadTxn tx(*conn_);
    auto counts = SqlFailureCountReader(tx).recent_failures(
        {keys[1], keys[0], "user:nobody"}, now_ - 1min);
    ASSERT_EQ(counts.size(), 3u);
    EXPECT_EQ(counts[0].failures, 3);
    EXPECT_EQ(counts[0].oldest, now_);
    EXPECT_EQ(counts[1].failures, 2);
    EXPECT_EQ(counts[2].failures, 0);
    EXPECT_EQ(SqlFailureCountReader(tx).recent_failures({keys[1]}, now_)[0].failures, 2)
        << "only those recorded after `since`";
  }
  write([&](WriteTxn& tx) {
    SqlFailureCountStore(tx).clear_failures(keys[0]);
    return true;
  });
  {
    ReadTxn tx(*conn_);
    auto counts = SqlFailureCountReader(tx).recent_failures(keys, now_ - 1min);
    EXPECT_EQ(counts[0].failures, 0);
    EXPECT_EQ(counts[1].failures, 3) << "the other key keeps its count";
  }
  // A failure recorded later forgets those at or before its cut-off.
  write([&](WriteTxn& tx) {
    SqlFailureCountStore(tx).record_failure({keys[1]}, now_ + 20min, now_ + 1min);
    return true;
  });
  ReadTxn tx(*conn_);
  auto counts = SqlFailureCountReader(tx).recent_failures({keys[1]}, now_ - 1h);
  EXPECT_EQ(counts[0].failures, 2);
  EXPECT_EQ(counts[0].oldest, now_ + 2min);
}

TEST_P(StoreContract, RateBucketsLeaseTokensPerKeyAndForgetIdleOnes) {
  auto take = [&](const std::string& key, int wanted, core::Timestamp at) {
    return write([&](WriteTxn& tx) { return SqlRateBuckets(tx).take_tokens(key, 6, wanted, at); });
  };
  EXPECT_EQ(take("user:u-cw", 4, now_).taken, 4);
  auto rest = take("user:u-cw", 4, now_);
  EXPECT_EQ(rest.taken, 1) << "fewer than a lease left: one at a time";
  EXPECT_NEAR(rest.tokens, 1, 1e-9);
  EXPECT_EQ(take("user:u-cw", 1, now_).taken, 1);
  auto empty = take("user:u-cw", 1, now_);
  EXPECT_EQ(empty.taken, 0);
  EXPECT_NEAR(empty.tokens, 0, 1e-9);
  EXPECT_EQ(take("user:u-cw", 1, now_ + 10s).taken, 1) << "one token back every ten seconds";
  EXPECT_EQ(take("address:192.0.2.1", 6, now_).taken, 6) << "another key, its own full bucket";
  write([&](WriteTxn& tx) {
    SqlRateBuckets(tx).forget_idle(now_ + 1s);
    return true;
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM rate_bucket"), 1) << "the bucket used since stays";
}

// ---- DatabaseMaintenance, RetentionStore, and the demo's checks ------------------------------

TEST_P(StoreContract, MaintenanceSaysTheSchemaIsCurrentAndWhetherAnyAccountExists) {
  auto maintenance = open_database_maintenance(db_);
  auto schema = maintenance->schema_state();
  ASSERT_TRUE(schema.has_value()) << schema.error().detail;
  EXPECT_TRUE(schema->current());
  EXPECT_EQ(schema->latest, latest_schema_version());
  auto again = maintenance->migrate();
  ASSERT_TRUE(again.has_value()) << again.error().detail;
  EXPECT_EQ(again->from_version, latest_schema_version());
  EXPECT_EQ(again->to_version, latest_schema_version());

  auto users = maintenance->has_users();
  ASSERT_TRUE(users.has_value()) << users.error().detail;
  EXPECT_TRUE(*users);
  EXPECT_TRUE(write([&](WriteTxn& tx) { return SqlAccountStore(tx).any_user(); }));
  conn_->exec("DELETE FROM app_user");
  EXPECT_FALSE(*maintenance->has_users());
  EXPECT_FALSE(write([&](WriteTxn& tx) { return SqlAccountStore(tx).any_user(); }));
}

TEST_P(StoreContract, TheDemoFlagIsSetThroughTheSettingsPort) {
  ASSERT_FALSE(*read_demo_flag(db_));
  write([&](WriteTxn& tx) {
    SqlSettingsStore(tx).mark_demo(now_);
    return true;
  });
  EXPECT_TRUE(*read_demo_flag(db_));
}

TEST_P(StoreContract, AnErasureRunsThePurgeRuleAndLeavesOneSystemEventPerCase) {
  add_case(cw_, "c-old", "Zacarias", "Villanueva");
  add_case(cw_, "c-open", "Esperanza", "Open");
  auto closed = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).close_case(cw_, "c-old", std::nullopt, "Moved to Wombatville", now_);
  });
  ASSERT_TRUE(closed.has_value()) << closed.error().detail;

  auto maintenance = open_database_maintenance(db_);
  const auto later = now_ + std::chrono::days(31);
  auto purge = [&](core::RetentionPorts ports) { return core::purge_closed_cases(ports, 30, later); };
  auto purged = maintenance->erase(purge, later);
  ASSERT_TRUE(purged.has_value()) << purged.error().detail;
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_file WHERE id = 'c-old' AND purged_at IS NOT NULL "
                  "AND given_name IS NULL AND close_reason IS NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_file WHERE id = 'c-open' AND purged_at IS NULL "
                  "AND given_name IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE action = 'case.purge' AND "
                  "entity_type = 'case' AND entity_id = 'c-old' AND organization = 'o-a' AND "
                  "role = 'system' AND actor_user = '' AND outcome = 'ok'"),
            1);
  auto verified = maintenance->verify_audit_chain("");
  ASSERT_TRUE(verified.has_value()) << verified.error().detail;
  EXPECT_TRUE(verified->ok) << verified->problem;

  auto none = maintenance->erase(purge, later);
  ASSERT_TRUE(none.has_value()) << none.error().detail;
  EXPECT_EQ(*none, 0) << "a purged case is not purged again";
}

TEST_P(StoreContract, AFailedErasureRollsBackWhatItErased) {
  add_case(cw_, "c-old");
  auto closed = write([&](WriteTxn& tx) {
    return SqlCaseStore(tx).close_case(cw_, "c-old", std::nullopt, "done", now_);
  });
  ASSERT_TRUE(closed.has_value()) << closed.error().detail;
  auto maintenance = open_database_maintenance(db_);
  auto r = maintenance->erase(
      [&](core::RetentionPorts ports) -> core::Result<int> {
        ports.store.erase_case("c-old", now_);
        ports.audit.record("o-a", "case.purge", "case", "c-old");
        return core::Error::conflict("test", "changed my mind");
      },
      now_);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().detail, "changed my mind");
  EXPECT_EQ(count("SELECT COUNT(*) FROM case_file WHERE purged_at IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE action = 'case.purge'"), 0);
}

TEST_P(StoreContract, TheAuditLogsHeadIsTheVerifiedChainsAndABackupReportsIt) {
  write([&](WriteTxn& tx) {
    SqlAuditTrail trail(tx, origin(cw_));
    trail.record("case.read", "case", "c1", "ok");
    trail.record("case.read", "case", "c2", "ok");
    return true;
  });
  core::ChainHead head;
  {
    ReadTxn tx(*conn_);
    head = SqlAuditLogReader(tx).chain_head();
  }
  auto maintenance = open_database_maintenance(db_);
  auto verified = maintenance->verify_audit_chain("");
  ASSERT_TRUE(verified.has_value()) << verified.error().detail;
  ASSERT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(head.events, 2);
  EXPECT_EQ(head.events, verified->events);
  EXPECT_EQ(head.head, verified->head);
  EXPECT_TRUE(core::is_audit_hash(head.head));
  EXPECT_EQ(head.keyed, installed_audit_chain_key() != nullptr);
  EXPECT_TRUE(maintenance->check_chain_key().has_value()) << "the key the chain was written with";

  const auto file = std::filesystem::temp_directory_path() /
                    ("enlace-contract-backup-" + std::to_string(::getpid()) +
                     (GetParam() == Engine::sqlite ? ".sqlite" : ".dump"));
  std::filesystem::remove(file);
  auto backup = maintenance->backup(file.string());
  ASSERT_TRUE(backup.has_value()) << backup.error().detail;
  std::filesystem::remove(file);
  EXPECT_EQ(backup->format, GetParam() == Engine::sqlite ? core::BackupReport::Format::sqlite_file
                                                         : core::BackupReport::Format::pg_dump_custom);
  EXPECT_EQ(backup->audit_events, head.events);
  EXPECT_EQ(backup->audit_head, head.head);
  EXPECT_EQ(backup->audit_keyed, head.keyed);
}

// ---- Units of work (core/ports/units_of_work.hpp) ---------------------------------------------

// A writer job on a unit whose completion the test awaits: `fn(unit)` says whether it commits.
class AwaitedUnitJob final : public UnitWriteJob {
 public:
  explicit AwaitedUnitJob(std::function<bool(core::WriteUnit&)> fn) : fn_(std::move(fn)) {}
  std::future<bool> committed() { return done_.get_future(); }
  bool run(core::WriteUnit& unit) override { return fn_(unit); }
  void fail(const core::Error&) override {}
  void complete(const core::Error* failure) override { done_.set_value(failure == nullptr); }

 private:
  std::function<bool(core::WriteUnit&)> fn_;
  std::promise<bool> done_;
};

TEST_P(StoreContract, AUnitMakesEachPortOnceAndAnAuditTrailPerOrigin) {
  write([&](WriteTxn& tx) {
    SqlWriteUnit unit(tx);
    EXPECT_EQ(&unit.cases(), &unit.cases());
    EXPECT_EQ(&unit.referrals(), &unit.referrals());
    EXPECT_EQ(&unit.accounts(), &unit.accounts());
    EXPECT_EQ(&unit.webhook_outbox(), &unit.webhook_outbox());
    // Each origin its own trail, both valid for the job.
    auto& as_cw = unit.audit(origin(cw_));
    auto& as_admin = unit.audit(origin(admin_));
    EXPECT_NE(&as_cw, &as_admin);
    EXPECT_TRUE(unit.cases().insert_case(cw_, "c1", file("Ana", "Pérez"), now_));
    as_cw.record("case.create", "case", "c1", "ok");
    as_admin.record("case.read", "case", "c1", "ok");
    return true;
  });
  EXPECT_EQ(count("SELECT count(*) FROM audit_event WHERE actor_user = 'u-cw'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_event WHERE actor_user = 'u-adm'"), 1);
  conn_->exec("BEGIN");
  ReadTxn tx(*conn_);
  SqlReadUnit unit(tx);
  EXPECT_EQ(&unit.cases(), &unit.cases());
  EXPECT_EQ(&unit.gap_report(), &unit.gap_report());
  auto page = unit.cases().list_cases(cw_, {});
  conn_->exec("COMMIT");
  ASSERT_TRUE(page.has_value()) << page.error().detail;
  EXPECT_EQ(page->size(), 1u);
}

TEST_P(StoreContract, AfterCommitWorkRunsOnceTheWritersBatchCommittedAndNeverAfterARollback) {
  auto db = Database::open(db_, 1);
  ASSERT_TRUE(db.has_value()) << db.error().detail;
  std::promise<long long> seen;  // the rows the after-commit work saw, from another connection
  auto seen_rows = seen.get_future();
  auto kept = std::make_unique<AwaitedUnitJob>([&](core::WriteUnit& unit) {
    EXPECT_TRUE(unit.cases().insert_case(cw_, "c1", file("Ana", "Pérez"), now_));
    unit.after_commit([&] { seen.set_value(count("SELECT count(*) FROM case_file")); });
    return true;
  });
  bool dropped_ran = false;
  auto dropped = std::make_unique<AwaitedUnitJob>([&](core::WriteUnit& unit) {
    EXPECT_TRUE(unit.cases().insert_case(cw_, "c2", file("Eva", "Cruz"), now_));
    unit.after_commit([&] { dropped_ran = true; });
    return false;  // the job rolls back: its work must not run
  });
  auto kept_done = kept->committed();
  auto dropped_done = dropped->committed();
  (*db)->submit_write(std::move(kept));
  (*db)->submit_write(std::move(dropped));
  EXPECT_TRUE(kept_done.get());
  dropped_done.get();
  (*db)->writer().drain();
  ASSERT_EQ(seen_rows.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(seen_rows.get(), 1) << "the work ran after COMMIT: its row was visible";
  EXPECT_FALSE(dropped_ran);
  EXPECT_EQ(count("SELECT count(*) FROM case_file"), 1);
}

TEST_P(StoreContract, AReadUnitsReadersShareOneSnapshot) {
  add_case(cw_, "c1");
  auto db = Database::open(db_, 1);
  ASSERT_TRUE(db.has_value()) << db.error().detail;
  std::promise<std::vector<std::size_t>> result;
  (*db)->submit_read(
      [&](core::ReadUnit& unit) {
        std::vector<std::size_t> seen;
        seen.push_back(unit.cases().list_cases(cw_, {})->size());
        add_case(cw_, "c2");  // committed meanwhile, by another connection
        seen.push_back(unit.cases().list_cases(cw_, {})->size());
        seen.push_back(unit.sending().find_case(cw_, "c2").has_value() ? 1 : 0);
        seen.push_back(unit.sending().find_case(cw_, "c1").has_value() ? 1 : 0);
        result.set_value(seen);
      },
      [&](const core::Error& e) {
        ADD_FAILURE() << e.detail;
        result.set_value({});
      });
  EXPECT_EQ(result.get_future().get(), (std::vector<std::size_t>{1, 1, 0, 1}));
  std::promise<std::size_t> later;
  (*db)->submit_read(
      [&](core::ReadUnit& unit) { later.set_value(unit.cases().list_cases(cw_, {})->size()); },
      [&](const core::Error&) { later.set_value(0); });
  EXPECT_EQ(later.get_future().get(), 2u) << "a new unit sees what committed";
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract,
                         ::testing::Values(Engine::sqlite, Engine::postgres), engine_name);

}  // namespace
}  // namespace enlace::storage
