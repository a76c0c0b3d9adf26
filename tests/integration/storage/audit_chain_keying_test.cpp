// The keyed audit chain against real SQLite (storage/audit_chain_keying.cpp and the keyed links
// of audit_log.cpp): an edit recomputed with plain SHA-256, as by someone without the key, is
// found; a chain that began unkeyed keeps its plain events up to the switch-over and accepts no
// plain link after it; a rotation re-links the chain under the new key.
#include "audit_chain_fixture.hpp"

#include "storage/audit_chain_keying.hpp"

namespace enlace::storage {
namespace {

class AuditChainKeyingTest : public AuditChainTest {
 protected:
  // What an attacker with the database but not the key does: edit event `seq` and recompute
  // every later link with plain SHA-256.
  void forge_from(std::int64_t seq, std::int64_t last) {
    conn_->exec("BEGIN IMMEDIATE");
    std::string prev = seq == 1 ? std::string(kGenesisHash) : hash_of(seq - 1);
    for (std::int64_t s = seq; s <= last; ++s) {
      auto e = stored(s);
      if (s == seq) e.actor_user = "forged";
      auto st = conn_->prepared(
          "UPDATE audit_event SET actor_user = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4");
      st.bind(1, e.actor_user);
      st.bind(2, prev);
      prev = audit_hash(prev, s, e);
      st.bind(3, prev);
      st.bind(4, s);
      st.run();
    }
    conn_->exec("COMMIT");
  }

  core::AuditEvent stored(std::int64_t seq) {
    auto st = conn_->prepared(
        "SELECT at, actor_user, organization, role, action, entity_type, entity_id, outcome, "
        "address, request_id FROM audit_event WHERE seq = ?1");
    st.bind(1, seq);
    EXPECT_TRUE(st.step());
    return {core::from_millis(st.int64(0)), st.text(1), st.text(2), st.text(3), st.text(4),
            st.text(5), st.text(6), st.text(7), st.text(8), st.text(9)};
  }

  core::Result<std::optional<std::int64_t>> key_chain(const AuditChainKey& key) {
    conn_->exec("BEGIN IMMEDIATE");
    WriteTxn tx(*conn_);
    auto r = key_audit_chain(tx, key, event(1000));
    conn_->exec("COMMIT");
    return r;
  }

  std::unique_ptr<const AuditChainKey> a_ = AuditChainKey::derive(std::string(32, 'a'));
  std::unique_ptr<const AuditChainKey> b_ = AuditChainKey::derive(std::string(32, 'b'));
};

TEST_F(AuditChainKeyingTest, KeyedChainVerifiesWithItsKeyOnly) {
  append(10, a_.get());
  auto r = verify({}, a_.get());
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events, 10);
  EXPECT_EQ(r.keyed_from, 1);
  EXPECT_EQ(r.key_id, a_->id());
  auto keyless = verify();
  EXPECT_FALSE(keyless.ok);
  EXPECT_TRUE(keyless.needs_key);
  EXPECT_EQ(keyless.broken_seq, 1);
  auto other = verify({}, b_.get());
  EXPECT_FALSE(other.ok);
  EXPECT_NE(other.problem.find(a_->id()), std::string::npos) << other.problem;
}

TEST_F(AuditChainKeyingTest, EditRecomputedWithPlainSha256IsFound) {
  append(10, a_.get());
  forge_from(4, 10);
  auto r = verify({}, a_.get());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 4);
  EXPECT_EQ(r.events, 3);
}

TEST_F(AuditChainKeyingTest, ChainRewrittenPlainWithoutItsRecordIsFound) {
  append(10, a_.get());
  // The whole chain recomputed plain and the switch-over record removed: it looks unkeyed.
  conn_->exec("DELETE FROM setting WHERE key = 'audit_chain'");
  forge_from(1, 10);
  EXPECT_TRUE(verify().ok);  // without the key nothing tells
  auto r = verify({}, a_.get());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 1);
  EXPECT_NE(r.problem.find("no event is keyed"), std::string::npos) << r.problem;
}

TEST_F(AuditChainKeyingTest, UpgradedChainKeepsItsPlainEventsAndKeysFromTheSwitchOver) {
  append(5);
  auto switched = key_chain(*a_);
  ASSERT_TRUE(switched.has_value());
  EXPECT_EQ(*switched, 6);
  append(3, a_.get(), 7);
  auto r = verify({}, a_.get());
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events, 9);
  EXPECT_EQ(r.keyed_from, 6);
  // Keying again changes nothing.
  auto again = key_chain(*a_);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(verify({}, a_.get()).events, 9);
}

TEST_F(AuditChainKeyingTest, PlainEventsBeforeTheSwitchOverCannotBeRewritten) {
  append(5);
  ASSERT_TRUE(key_chain(*a_).has_value());
  append(3, a_.get(), 7);
  forge_from(2, 5);  // the plain part recomputed: the first keyed link no longer matches
  auto r = verify({}, a_.get());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 6);
}

TEST_F(AuditChainKeyingTest, NoPlainLinkIsAcceptedAfterTheSwitchOver) {
  append(3, a_.get());
  conn_->exec("BEGIN IMMEDIATE");
  WriteTxn tx(*conn_);
  EXPECT_THROW(append_audit(tx, event(4), nullptr), AuditChainKeyError);
  EXPECT_THROW(append_audit(tx, event(4), b_.get()), AuditChainKeyError);
  conn_->exec("ROLLBACK");
  EXPECT_FALSE(check_audit_chain_key(*conn_, nullptr).has_value());
  EXPECT_FALSE(check_audit_chain_key(*conn_, b_.get()).has_value());
  EXPECT_TRUE(check_audit_chain_key(*conn_, a_.get()).has_value());
  // A plain event forged in by hand after the keyed ones is refused by the verifier too.
  auto e = event(4);
  auto st = conn_->prepared(R"sql(
      INSERT INTO audit_event (seq, at, actor_user, organization, role, action, entity_type,
                               entity_id, outcome, address, request_id, prev_hash, hash)
      VALUES (4, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql");
  st.bind(1, core::to_millis(e.at));
  st.bind(2, e.actor_user);
  st.bind(3, e.organization);
  st.bind(4, e.role);
  st.bind(5, e.action);
  st.bind(6, e.entity_type);
  st.bind(7, e.entity_id);
  st.bind(8, e.outcome);
  st.bind(9, e.address);
  st.bind(10, e.request_id);
  st.bind(11, hash_of(3));
  st.bind(12, audit_hash(hash_of(3), 4, e));
  st.run();
  EXPECT_EQ(verify({}, a_.get()).broken_seq, 4);
}

TEST_F(AuditChainKeyingTest, CuttingEveryKeyedEventIsFound) {
  append(5);
  ASSERT_TRUE(key_chain(*a_).has_value());
  append(3, a_.get(), 7);
  conn_->exec("DELETE FROM audit_event WHERE seq >= 6");
  auto r = verify({}, a_.get());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.broken_seq, 6);
  EXPECT_NE(r.problem.find("truncated"), std::string::npos) << r.problem;
}

TEST_F(AuditChainKeyingTest, RotationRelinksUnderTheNewKey) {
  append(3);
  ASSERT_TRUE(key_chain(*a_).has_value());
  append(4, a_.get(), 5);
  std::string old_head = verify({}, a_.get()).head;
  conn_->exec("BEGIN IMMEDIATE");
  WriteTxn tx(*conn_);
  auto r = rechain_audit_log(tx, a_.get(), *b_, event(2000));
  conn_->exec("COMMIT");
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  EXPECT_EQ(r->old_head, old_head);
  EXPECT_EQ(r->relinked, 5);  // the switch-over event and the four after it
  EXPECT_EQ(r->events, 9);    // and the rotation's own event
  auto now = verify({}, b_.get());
  EXPECT_TRUE(now.ok) << now.problem;
  EXPECT_EQ(now.head, r->new_head);
  EXPECT_EQ(now.keyed_from, 4);
  EXPECT_FALSE(verify({}, a_.get()).ok);
  EXPECT_FALSE(verify(old_head, b_.get()).ok);  // re-anchored: the old head is gone
}

TEST_F(AuditChainKeyingTest, RotationKeysAnUnkeyedChain) {
  append(3);
  conn_->exec("BEGIN IMMEDIATE");
  WriteTxn tx(*conn_);
  auto r = rechain_audit_log(tx, nullptr, *b_, event(2000));
  conn_->exec("COMMIT");
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  auto now = verify({}, b_.get());
  EXPECT_TRUE(now.ok) << now.problem;
  EXPECT_EQ(now.keyed_from, 4);
}

TEST_F(AuditChainKeyingTest, RotationRefusesABrokenOrUnopenableChainAndChangesNothing) {
  append(4, a_.get());
  std::string head = hash_of(4);
  {
    conn_->exec("BEGIN IMMEDIATE");
    WriteTxn tx(*conn_);
    auto without_key = rechain_audit_log(tx, nullptr, *b_, event(2000));
    conn_->exec("ROLLBACK");
    EXPECT_FALSE(without_key.has_value());
  }
  conn_->exec("UPDATE audit_event SET outcome = 'denied' WHERE seq = 2");
  conn_->exec("BEGIN IMMEDIATE");
  WriteTxn tx(*conn_);
  auto broken = rechain_audit_log(tx, a_.get(), *b_, event(2000));
  conn_->exec("ROLLBACK");
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().detail.find("event 2"), std::string::npos) << broken.error().detail;
  EXPECT_EQ(hash_of(4), head);
}

}  // namespace
}  // namespace enlace::storage
