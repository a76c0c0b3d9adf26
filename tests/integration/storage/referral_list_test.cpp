// ReferralRepository::list against real SQLite: every box, filter and page walk gives the order
// PRODUCT.md asks for (overdue first, the most overdue first, then newest), checked against a
// plain sort of the rows, and no listing statement sorts the box (each page follows an index;
// the overdue part seeks past the referrals still within their deadline).
#include "core/case_file.hpp"
#include "storage/case_repository.hpp"
#include "storage/migrations.hpp"
#include "core/referral_status.hpp"
#include "storage/referral_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

namespace enlace::storage {
namespace {

using namespace std::chrono_literals;

struct Row {
  std::string id, case_id, from_org, to_org, status, category, legal_basis;
  std::optional<std::int64_t> respond_by, reviewed_at, outcome_by;
  std::int64_t seq = 0;
};

class ReferralListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("enlace-referral-list-" + std::to_string(::getpid()) + "-" +
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
                 ('o2', 'Shelter NGO', 'civil_society', 't1', 0, 0),
                 ('o3', 'Clinic', 'civil_society', 't1', 0, 0);
        INSERT INTO app_user (id, username, display_name, organization_id, roles, password_hash,
                              created_at, updated_at)
          VALUES ('u1', 'cw1', 'CW 1', 'o1', 'caseworker', 'x', 0, 0),
                 ('u2', 'p2', 'Partner 2', 'o2', 'partner', 'x', 0, 0),
                 ('u3', 'a1', 'Admin 1', 'o1', 'org_admin', 'x', 0, 0);)sql");
    core::CaseDraft d;
    d.person.given_name = "Maricel";
    d.person.family_name = "Dela Cruz";
    d.person.birth_date = "1986-03-14";
    d.person.sex = "female";
    d.person.nationality = "PH";
    d.territory_id = "t1";
    std::vector<std::string> cats{"shelter"};
    auto file = core::make_case(d, cats, core::date_of(now_));
    ASSERT_TRUE(file);
    WriteTxn tx(*conn_);
    ASSERT_TRUE(CaseRepository::insert(tx, caseworker_, "c1", *file, now_));
    ASSERT_TRUE(CaseRepository::insert(tx, caseworker_, "c2", *file, now_));
    // 600 referrals between three organisations in every state, deadlines (respond_by, and
    // outcome_by once accepted) from five hours past to three hours ahead (so that some fall
    // due when the clock moves), two categories, some under vital interest: overdue rows lie
    // scattered among the others, many sharing a deadline.
    auto st = conn_->prepared(R"sql(
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 599),
        s(i, status) AS (SELECT i, CASE (i * 7) % 10 WHEN 0 THEN 'draft' WHEN 1 THEN 'requested'
                                   WHEN 2 THEN 'received' WHEN 3 THEN 'accepted'
                                   WHEN 4 THEN 'rejected' WHEN 5 THEN 'cancelled'
                                   WHEN 6 THEN 'in-progress' WHEN 7 THEN 'on-hold'
                                   WHEN 8 THEN 'completed' ELSE 'failed' END FROM n)
        INSERT INTO referral (id, case_id, from_org, to_org, category, urgency, reason, status,
                              legal_basis, justification, shared_fields, respond_by,
                              reviewed_at, created_by, created_at, updated_at, outcome_by)
        SELECT printf('r%03d', i), CASE WHEN i % 9 = 2 THEN 'c2' ELSE 'c1' END, CASE WHEN i % 5 = 4 THEN 'o2' ELSE 'o1' END,
               CASE WHEN i % 5 = 4 THEN 'o1' WHEN i % 7 = 0 THEN 'o3' ELSE 'o2' END,
               CASE WHEN i % 3 = 0 THEN 'health' ELSE 'shelter' END, 'high', 'reason', status,
               CASE WHEN i % 11 = 0 THEN 'vital_interest' ELSE 'consent' END,
               CASE WHEN i % 11 = 0 THEN 'justified' END, '[]',
               CASE WHEN status <> 'draft' THEN ?1 + ((i * 13) % 9 - 5) * 3600000 END,
               CASE WHEN i % 22 = 0 THEN ?1 END, 'u1', ?1, ?1,
               CASE WHEN status IN ('accepted','in-progress','on-hold','completed','failed')
                     AND i % 4 <> 0 THEN ?1 + ((i * 11) % 9 - 5) * 3600000 END
          FROM s)sql");
    st.bind(1, core::to_millis(now_));
    st.run();
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<Row> all_rows() {
    auto st = conn_->prepared(
        "SELECT id, case_id, from_org, to_org, status, category, legal_basis, respond_by, "
        "reviewed_at, outcome_by, rowid FROM referral");
    std::vector<Row> out;
    while (st.step())
      out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                     st.text(6), st.opt_int64(7), st.opt_int64(8), st.opt_int64(9), st.int64(10)});
    return out;
  }

  // What the caller should see, in order: a plain filter and sort of every row.
  std::vector<std::string> expected(const core::Actor& a, const ReferralListQuery& q,
                                    core::Timestamp now) {
    const std::string& org = a.organization_id;
    auto time = [](std::optional<std::int64_t> ms) -> std::optional<core::Timestamp> {
      if (ms) return core::from_millis(*ms);
      return std::nullopt;
    };
    auto due = [&](const Row& r) {
      return core::due_at(*core::parse_status(r.status), time(r.respond_by), time(r.outcome_by));
    };
    auto overdue = [&](const Row& r) {
      return core::is_overdue(*core::parse_status(r.status), time(r.respond_by),
                              time(r.outcome_by), now);
    };
    std::vector<Row> rows;
    for (auto& r : all_rows()) {
      bool in_box = q.box == Box::outbox  ? r.from_org == org
                    : q.box == Box::inbox ? r.to_org == org && r.status != "draft"
                                          : r.from_org == org && r.legal_basis == "vital_interest" &&
                                                !r.reviewed_at;
      if (!in_box || (q.status && r.status != *q.status) ||
          (q.category && r.category != *q.category) || (q.overdue_only && !overdue(r)) ||
          (q.case_id && r.case_id != *q.case_id))
        continue;
      rows.push_back(r);
    }
    std::sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
      if (overdue(x) != overdue(y)) return overdue(x);
      if (overdue(x)) return std::make_pair(*due(x), x.seq) < std::make_pair(*due(y), y.seq);
      return x.seq > y.seq;
    });
    std::vector<std::string> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    return ids;
  }

  // Every page of `limit`, following the cursor as the gateway does.
  std::vector<std::string> walk(const core::Actor& a, ReferralListQuery q, core::Timestamp now) {
    std::vector<std::string> ids;
    for (int page = 0; page < 1000; ++page) {
      ReadTxn tx(*conn_);
      auto rows = ReferralRepository::list(tx, a, q, now);
      const bool more = rows.size() > static_cast<std::size_t>(q.limit);
      if (more) rows.resize(static_cast<std::size_t>(q.limit));
      for (const auto& r : rows) {
        EXPECT_EQ(r.position.overdue, core::is_overdue(r.referral.status, r.referral.respond_by,
                                                       r.referral.outcome_by, now))
            << r.referral.id;
        ids.push_back(r.referral.id);
      }
      if (!more) break;
      q.after = rows.back().position;
    }
    return ids;
  }

  // Every box, filter and caller, now and three hours later (when a third of the open
  // referrals that were punctual are overdue): each walk gives the plain sort's order, in
  // pages of 50 and of 7 (pages that cross from the overdue rows to the others).
  void check_every_listing();

  std::filesystem::path dir_;
  std::string path_;
  std::optional<Connection> conn_;
  core::Actor caseworker_{"u1", "o1", {core::Role::caseworker}, "s1"};
  core::Actor partner_{"u2", "o2", {core::Role::partner}, "s2"};
  core::Actor admin_{"u3", "o1", {core::Role::org_admin}, "s3"};
  core::Timestamp now_ = core::from_millis(1'795'000'000'000);
};

std::vector<ReferralListQuery> queries(Box box) {
  std::vector<ReferralListQuery> out;
  auto add = [&](auto&& set) {
    ReferralListQuery q;
    q.box = box;
    set(q);
    out.push_back(q);
  };
  add([](ReferralListQuery&) {});
  add([](ReferralListQuery& q) { q.status = "requested"; });
  add([](ReferralListQuery& q) { q.status = "received"; });
  add([](ReferralListQuery& q) { q.status = "completed"; });
  add([](ReferralListQuery& q) { q.status = "draft"; });
  add([](ReferralListQuery& q) { q.category = "health"; });
  add([](ReferralListQuery& q) { q.overdue_only = true; });
  add([](ReferralListQuery& q) {
    q.overdue_only = true;
    q.category = "shelter";
  });
  add([](ReferralListQuery& q) {
    q.status = "requested";
    q.category = "health";
  });
  if (box == Box::outbox) {  // the case page: one case's referrals
    add([](ReferralListQuery& q) { q.case_id = "c2"; });
    add([](ReferralListQuery& q) {
      q.case_id = "c2";
      q.status = "requested";
    });
    add([](ReferralListQuery& q) {
      q.case_id = "c1";
      q.overdue_only = true;
    });
  }
  return out;
}

void ReferralListTest::check_every_listing() {
  const std::pair<const core::Actor*, Box> callers[] = {
      {&caseworker_, Box::outbox}, {&partner_, Box::inbox}, {&admin_, Box::review},
      {&admin_, Box::outbox},      {&caseworker_, Box::inbox}};
  for (auto now : {now_, now_ + 3h}) {
    for (const auto& [actor, box] : callers) {
      for (auto q : queries(box)) {
        SCOPED_TRACE(testing::Message() << "box " << static_cast<int>(box) << " org "
                                        << actor->organization_id << " status "
                                        << q.status.value_or("-") << " category "
                                        << q.category.value_or("-") << " overdue "
                                        << q.overdue_only);
        auto want = expected(*actor, q, now);
        q.limit = 50;
        EXPECT_EQ(walk(*actor, q, now), want);
        q.limit = 7;
        EXPECT_EQ(walk(*actor, q, now), want);
      }
    }
  }
}

TEST_F(ReferralListTest, EveryBoxFilterAndPageWalkIsOverdueFirstThenNewest) {
  check_every_listing();
  ReferralListQuery review;
  review.box = Box::review;
  EXPECT_FALSE(walk(admin_, review, now_).empty());
  EXPECT_TRUE(walk(caseworker_, review, now_).empty());  // the org_admin's list only
}

TEST_F(ReferralListTest, ReferralsWhoseOverdueNoticeWentOutListTheSame) {
  // The scanner's mark on a third of the referrals with a deadline, an hour after it: those
  // overdue leave the box's waiting index, and those whose deadline is still ahead (a notice
  // sent before the clock was set back) are listed from the noticed index.
  conn_->exec("UPDATE referral SET overdue_notified_at = due_at + 3600000"
              " WHERE due_at IS NOT NULL AND rowid % 3 = 0");
  {
    auto ahead = conn_->prepared(
        "SELECT COUNT(*) FROM referral WHERE overdue_notified_at >= due_at AND due_at >= ?1");
    ahead.bind(1, core::to_millis(now_));
    ASSERT_TRUE(ahead.step());
    EXPECT_GT(ahead.int64(0), 0);
  }
  check_every_listing();
}

// What SQLite did since the last call, summed over the connection's statements (the listing's
// are cached, so they keep their counters): virtual machine steps grow with the rows a
// statement reads, whether it returns them or skips them.
std::int64_t vm_steps_since_last(Connection& conn) {
  std::int64_t steps = 0;
  for (sqlite3_stmt* st = sqlite3_next_stmt(conn.raw(), nullptr); st;
       st = sqlite3_next_stmt(conn.raw(), st))
    steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
  return steps;
}

TEST_F(ReferralListTest, APageOfABoxThatPilesUpReadsItsOwnRows) {
  // An organisation that never answers: 8,000 referrals overdue since the same instant (a sender
  // that sets one deadline for a batch), their notices sent, and 8,000 more still within their
  // deadline, newer.
  auto pile = conn_->prepared(R"sql(
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 15999)
      INSERT INTO referral (id, case_id, from_org, to_org, category, urgency, reason, status,
                            legal_basis, shared_fields, respond_by, overdue_notified_at,
                            created_by, created_at, updated_at)
      SELECT printf('pile%05d', i), 'c1', 'o1', 'o2', 'shelter', 'normal', 'reason', 'requested',
             'consent', '[]', CASE WHEN i < 8000 THEN ?1 - 86400000 ELSE ?1 + 86400000 + i END,
             CASE WHEN i < 8000 THEN ?1 - 86400000 + 60000 END, 'u1', ?1, ?1
        FROM n)sql");
  pile.bind(1, core::to_millis(now_));
  pile.run();

  // A page of 50 reads its own rows, not the 16,000 referrals of the box nor the ones before
  // its cursor nor the noticed overdue ones between its rows: a row read costs about 60 steps
  // (3,124 for the costliest overdue page of 51 here, 5,478 for the one that also passes the
  // fixture's overdue referrals whose notice has not gone out), while walking the 8,000 costs
  // over 100,000.
  constexpr std::int64_t kStepsPerPage = 10'000;
  for (bool overdue_only : {true, false}) {
    SCOPED_TRACE(overdue_only ? "overdue only" : "the whole box");
    ReferralListQuery q;
    q.box = Box::inbox;
    q.overdue_only = overdue_only;
    q.limit = 50;
    auto want = expected(partner_, q, now_);
    std::vector<std::string> got;
    std::int64_t most = 0;
    int pages = 0;
    (void)vm_steps_since_last(*conn_);
    // To the end: the overdue part (160 pages), the 8,000 within their deadline, then the page
    // that passes the 8,000 overdue ones below them to reach the fixture's older referrals.
    for (; pages < 1000; ++pages) {
      ReadTxn tx(*conn_);
      auto rows = ReferralRepository::list(tx, partner_, q, now_);
      most = std::max(most, vm_steps_since_last(*conn_));
      const bool more = rows.size() > static_cast<std::size_t>(q.limit);
      if (more) rows.resize(static_cast<std::size_t>(q.limit));
      for (const auto& r : rows) got.push_back(r.referral.id);
      if (!more) break;
      q.after = rows.back().position;
    }
    EXPECT_EQ(got, want);
    EXPECT_GE(got.size(), overdue_only ? 8000u : 16000u);
    EXPECT_LE(most, kStepsPerPage) << "the costliest of " << pages << " pages";
  }
}

TEST_F(ReferralListTest, NoListingSortsTheBoxOrWalksToItsCursor) {
  // Every page of every listing, so that each statement is prepared, those that resume
  // inside the cursor's deadline included.
  for (const auto* actor : {&caseworker_, &partner_, &admin_})
    for (Box box : {Box::outbox, Box::inbox, Box::review})
      for (auto q : queries(box)) {
        q.limit = 7;
        (void)walk(*actor, q, now_);
      }
  auto plan_of = [&](const std::string& sql, bool sorts = false) {
    auto plan = conn_->prepared("EXPLAIN QUERY PLAN " + sql);
    std::string steps;
    while (plan.step()) steps += plan.text(3) + "\n";
    if (!sorts) {
      EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << steps;
    }
    return steps;
  };
  int listings = 0, overdue_parts = 0, tied_parts = 0, noticed_parts = 0;
  for (const auto& sql : conn_->cached_sql()) {
    // The review list and a case's referrals are short: sorting them costs little.
    const bool short_list = sql.find("referral_review") != std::string::npos ||
                            sql.find("referral_case") != std::string::npos;
    if (sql.find("_noticed") != std::string::npos) {
      // The noticed referrals back within their deadline: a seek to that range, none in
      // practice, so sorting it costs nothing.
      ++noticed_parts;
      auto steps = plan_of(sql, true);
      EXPECT_NE(steps.find("due_at>?"), std::string::npos) << sql << "\n" << steps;
      continue;
    }
    if (sql.find("ORDER BY r.rowid LIMIT") != std::string::npos && !short_list) {
      // A later page inside one deadline seeks to its cursor: a batch sent with one deadline
      // is not walked from its start on every page.
      ++tied_parts;
      auto steps = plan_of(sql);
      EXPECT_NE(steps.find("due_at=? AND rowid>?"), std::string::npos) << sql << "\n" << steps;
      continue;
    }
    if (sql.find("ORDER BY r.due_at, r.rowid") != std::string::npos && !short_list) {
      // The overdue part of a box seeks to the box's overdue range: the referrals still within
      // their deadline are never read, however many there are (issue #15 item 6).
      ++overdue_parts;
      auto steps = plan_of(sql);
      EXPECT_NE(steps.find("due_at<?"), std::string::npos) << sql << "\n" << steps;
      continue;
    }
    if (sql.find("ORDER BY r.rowid DESC") == std::string::npos) continue;
    ++listings;
    auto steps = plan_of(sql);
    // A later page seeks to its cursor instead of walking the rows before it.
    EXPECT_NE(steps.find("USING INDEX"), std::string::npos) << sql << "\n" << steps;
    EXPECT_NE(steps.find("rowid<?"), std::string::npos) << sql << "\n" << steps;
  }
  EXPECT_EQ(listings, 6);  // the punctual pass of each box, the status variant of two, a case's
  EXPECT_EQ(overdue_parts, 2);  // inbox and outbox (the review list is short)
  EXPECT_EQ(tied_parts, 2);
  EXPECT_EQ(noticed_parts, 2);
}

}  // namespace
}  // namespace enlace::storage
