// The audit chain on PostgreSQL: transactions on several connections appending at once make
// one unbroken chain (no gap, no fork) that verifies; rolled-back appends leave no trace; a
// keyed chain verifies only with its key; an edited event is found.
#include "audit_chain_fixture.hpp"
#include "storage/audit_chain_key.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "support/pg_test_database.hpp"

#include <gtest/gtest.h>

#include <future>
#include <vector>

using namespace enlace;
using namespace enlace::storage;

namespace {

core::AuditEvent event(int i) { return chain_test_event(i); }

class PgAuditChain : public ::testing::Test {
 protected:
  void SetUp() override {
    ENLACE_REQUIRE_TEST_POSTGRES();
    db_.emplace();
    auto m = migrate_postgres(db_->uri());
    ASSERT_TRUE(m.has_value()) << m.error().detail;
  }
  // Appends events first..first+n-1 in one transaction.
  void append(int n, const AuditChainKey* key, int first) {
    auto c = PgConnection::open(db_->uri());
    PgTransaction tx(c);
    for (int i = first; i < first + n; ++i) append_audit(c, event(i), key);
    tx.commit();
  }
  std::optional<test::PgTestDatabase> db_;
};

}  // namespace

TEST_F(PgAuditChain, ConcurrentTransactionsMakeOneUnbrokenChain) {
  constexpr int kWriters = 6, kTransactions = 20;
  // Each writer, on its own connection, commits transactions of 1-3 events and rolls every
  // fourth back after appending: a rolled-back event must leave no gap.
  auto writer = [&](int w) -> int {
    auto c = PgConnection::open(db_->uri());
    int committed = 0;
    for (int t = 0; t < kTransactions; ++t) {
      PgTransaction tx(c);
      int n = 1 + (w + t) % 3;
      for (int i = 0; i < n; ++i) append_audit(c, event(w * 1000 + t * 10 + i), nullptr);
      if (t % 4 == 3) continue;  // rolled back by the destructor
      tx.commit();
      committed += n;
    }
    return committed;
  };
  std::vector<std::future<int>> writers;
  for (int w = 0; w < kWriters; ++w) writers.push_back(std::async(std::launch::async, writer, w));
  int committed = 0;
  for (auto& f : writers) committed += f.get();

  auto c = PgConnection::open(db_->uri());
  auto shape = c.query("SELECT count(*), min(seq), max(seq), count(DISTINCT prev_hash) FROM audit_event");
  EXPECT_EQ(shape.int64(0, 0), committed);
  EXPECT_EQ(shape.int64(0, 1), 1);
  EXPECT_EQ(shape.int64(0, 2), committed);  // no gap
  EXPECT_EQ(shape.int64(0, 3), committed);  // no fork: no two events link to the same one
  auto report = verify_audit_chain(c, {}, nullptr);
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.broken_seq.value_or(0);
  EXPECT_EQ(report.events, committed);
  EXPECT_EQ(report.head, c.query("SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1").text(0, 0));
}

TEST_F(PgAuditChain, KeyedChainVerifiesOnlyWithItsKey) {
  auto key = AuditChainKey::derive(std::string(32, 'a'));
  auto other = AuditChainKey::derive(std::string(32, 'b'));
  append(3, nullptr, 1);
  append(3, key.get(), 4);  // the switch-over is event 4
  auto c = PgConnection::open(db_->uri());
  auto with_key = verify_audit_chain(c, {}, key.get());
  EXPECT_TRUE(with_key.ok) << with_key.problem;
  EXPECT_EQ(with_key.events, 6);
  EXPECT_EQ(with_key.keyed_from, 4);
  auto without = verify_audit_chain(c, {}, nullptr);
  EXPECT_FALSE(without.ok);
  EXPECT_EQ(without.broken_seq, 4);
  EXPECT_TRUE(without.needs_key);
  EXPECT_THROW(append(1, nullptr, 7), AuditChainKeyError);
  EXPECT_THROW(append(1, other.get(), 7), AuditChainKeyError);
  EXPECT_EQ(c.query("SELECT count(*) FROM audit_event").int64(0, 0), 6);
}

TEST_F(PgAuditChain, EditedEventBreaksTheChainThere) {
  append(5, nullptr, 1);
  auto c = PgConnection::open(db_->uri());
  c.query("UPDATE audit_event SET outcome = $1 WHERE seq = $2", {"denied", 3});
  auto report = verify_audit_chain(c, {}, nullptr);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.broken_seq, 3);
  EXPECT_EQ(report.events, 2);
}
