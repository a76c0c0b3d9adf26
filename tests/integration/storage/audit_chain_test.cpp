// The audit chain against real SQLite: tampering with rows directly in the file is found, and
// verify names the first broken event.
#include "audit_chain_fixture.hpp"

namespace enlace::storage {
namespace {

TEST_F(AuditChainTest, IntactChainReportsCountAndHead) {
  EXPECT_EQ(verify().events, 0);
  EXPECT_EQ(verify().head, kGenesisHash);
  append(10);
  auto r = verify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, 10);
  EXPECT_EQ(r.head, hash_of(10));
}

TEST_F(AuditChainTest, EditedFieldNamesThatEvent) {
  append(10);
  conn_->exec("UPDATE audit_event SET actor_user = 'someone-else' WHERE seq = 4");
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 4);
  EXPECT_EQ(r.events, 3);
  EXPECT_NE(r.problem.find("edited"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, EditedTimeOrOutcomeNamesThatEvent) {
  append(10);
  conn_->exec("UPDATE audit_event SET at = at + 1 WHERE seq = 7");
  EXPECT_EQ(verify().broken_seq, 7);
  conn_->exec("UPDATE audit_event SET at = at - 1, outcome = 'denied' WHERE seq = 7");
  EXPECT_EQ(verify().broken_seq, 7);
}

TEST_F(AuditChainTest, NullInsteadOfEmptyTextIsRefused) {
  append(5);
  conn_->exec("UPDATE audit_event SET entity_id = '' WHERE seq = 2");
  // Rehash so that only the NULL/empty difference remains to be caught.
  conn_->exec("DELETE FROM audit_event WHERE seq > 2");
  auto e = event(2);
  e.entity_id = "";
  auto st = conn_->prepared("UPDATE audit_event SET hash = ?1 WHERE seq = 2");
  st.bind(1, audit_hash(hash_of(1), 2, e));
  st.run();
  ASSERT_TRUE(verify().ok);
  conn_->exec("UPDATE audit_event SET entity_id = NULL WHERE seq = 2");
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 2);
}

TEST_F(AuditChainTest, RecomputedHashStillBreaksTheNextLink) {
  append(10);
  // A forger who rehashes the edited row still breaks the link from the row after it.
  conn_->exec("UPDATE audit_event SET actor_user = 'forged' WHERE seq = 5");
  auto e = event(5);
  e.actor_user = "forged";
  auto st = conn_->prepared("UPDATE audit_event SET hash = ?1 WHERE seq = 5");
  st.bind(1, audit_hash(hash_of(4), 5, e));
  st.run();
  auto r = verify();
  EXPECT_EQ(r.broken_seq, 6);
  EXPECT_NE(r.problem.find("does not link"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, DeletedEventIsNamed) {
  append(10);
  conn_->exec("DELETE FROM audit_event WHERE seq = 6");
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 6);
  EXPECT_EQ(r.events, 5);
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, DeletedFirstEventIsNamed) {
  append(3);
  conn_->exec("DELETE FROM audit_event WHERE seq = 1");
  EXPECT_EQ(verify().broken_seq, 1);
}

TEST_F(AuditChainTest, InsertedEventIsNamed) {
  append(10);
  // Make room at 5 by shifting the tail up, then insert a made-up event there.
  conn_->exec("UPDATE audit_event SET seq = seq + 100 WHERE seq >= 5");
  conn_->exec("UPDATE audit_event SET seq = seq - 99 WHERE seq >= 105");
  auto e = event(99);
  auto st = conn_->prepared(R"sql(
      INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,
                               entity_id, outcome, address, request_id, prev_hash, hash)
      VALUES (5, ?1, ?2, 'org-1', 'caseworker', 'case.read', 'case', 'x', 'ok', '', '', ?3, ?4))sql");
  st.bind(1, core::to_millis(e.at));
  st.bind(2, e.actor_user);
  st.bind(3, hash_of(4));
  st.bind(4, std::string(64, 'a'));
  st.run();
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 5);
}

TEST_F(AuditChainTest, ReorderedEventsAreNamed) {
  append(10);
  // Swap events 3 and 4 (all their columns move; their seq stay).
  conn_->exec("UPDATE audit_event SET seq = 1000 WHERE seq = 3");
  conn_->exec("UPDATE audit_event SET seq = 3 WHERE seq = 4");
  conn_->exec("UPDATE audit_event SET seq = 4 WHERE seq = 1000");
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 3);
  EXPECT_NE(r.problem.find("does not link"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, TruncationIsFoundOnlyWithTheRecordedHead) {
  append(10);
  std::string recorded = verify().head;
  conn_->exec("DELETE FROM audit_event WHERE seq > 7");
  EXPECT_TRUE(verify().ok);  // a shorter chain is still a valid chain...
  auto r = verify(recorded);  // ...but not the one whose head was written down
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 8);
  EXPECT_EQ(r.events, 7);
  EXPECT_NE(r.problem.find("truncated"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, RecordedHeadStaysValidAsTheLogGrows) {
  append(5);
  std::string recorded = verify().head;
  append(5);
  EXPECT_TRUE(verify(recorded).ok);
  EXPECT_TRUE(verify(kGenesisHash).ok);
}

TEST_F(AuditChainTest, RolledBackSavepointLeavesNoGapInTheChain) {
  append(2);
  conn_->exec("BEGIN IMMEDIATE");
  WriteTxn tx(*conn_);
  conn_->exec("SAVEPOINT job");
  append_audit(tx, event(3));
  conn_->exec("ROLLBACK TO job");
  conn_->exec("RELEASE job");
  append_audit(tx, event(4));
  conn_->exec("COMMIT");
  auto r = verify();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events, 3);
}

TEST(AuditHashTest, EncodingSeparatesFieldsUnambiguously) {
  core::AuditEvent a, b;
  a.actor_user = "ab";
  a.organization = "c";
  b.actor_user = "a";
  b.organization = "bc";
  EXPECT_NE(audit_hash(kGenesisHash, 1, a), audit_hash(kGenesisHash, 1, b));
  EXPECT_NE(audit_hash(kGenesisHash, 1, a), audit_hash(kGenesisHash, 2, a));
  EXPECT_EQ(audit_hash(kGenesisHash, 1, a), audit_hash(kGenesisHash, 1, a));
  EXPECT_TRUE(is_audit_hash(audit_hash(kGenesisHash, 1, a)));
  EXPECT_FALSE(is_audit_hash("ABC"));
}

}  // namespace
}  // namespace enlace::storage
