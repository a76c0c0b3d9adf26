// Referral messages in SQLite: see referral_message_repository.hpp.
#include "storage/referral_message_repository.hpp"

#include "storage/key_ring.hpp"


namespace enlace::storage {

namespace {

// The side `organization_id` is on for the referral (the caller already found it).
std::string side_of(WriteTxn& tx, const std::string& referral_id,
                    const std::string& organization_id) {
  auto st = tx.prepared("SELECT from_org = ?2 FROM referral WHERE id = ?1");
  st.bind(1, referral_id);
  st.bind(2, organization_id);
  return st.step() && st.int64(0) != 0 ? "sender" : "receiver";
}

// A thread's messages are read by a cursor on their rowid, drawn when each is inserted. On
// PostgreSQL transactions commit in any order: a message written before another but committed
// after it would sit behind a reader's cursor and never be read. Holding the referral's row
// until commit makes one thread's inserts take turns, so that rowid order is commit order
// (SQLite's single write lock already does).
void take_turn_in_thread(WriteTxn& tx, const std::string& referral_id) {
  if (!tx.connection().is_postgres()) return;
  auto st = tx.prepared("SELECT 1 FROM referral WHERE id = ?1 FOR NO KEY UPDATE");
  st.bind(1, referral_id);
  while (st.step()) {
  }
}

}  // namespace

MessageRecord ReferralMessageRepository::insert(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id,
                                                const std::string& referral_id,
                                                const std::string& body, core::Timestamp now) {
  take_turn_in_thread(tx, referral_id);
  // An actor without a user is an external organisation answering through its respond link.
  auto st = tx.prepared(R"sql(
      INSERT INTO referral_message (id, referral_id, author_user, author_org, author_kind, body,
                                    created_at)
      SELECT ?1, r.id, NULLIF(?3, ''), ?4, CASE WHEN ?3 = '' THEN 'external' ELSE 'user' END,
             ?5, ?6
        FROM referral r
       WHERE r.id = ?2 AND (r.from_org = ?4 OR r.to_org = ?4)
      RETURNING rowid)sql");
  st.bind(1, id);
  st.bind(2, referral_id);
  st.bind(3, actor.user_id);
  st.bind(4, actor.organization_id);
  st.bind(5, field_cipher().seal("referral_message.body", body));
  st.bind(6, core::to_millis(now));
  const std::int64_t rowid = st.step() ? st.int64(0) : 0;
  MessageRecord m{id, referral_id, actor.user_id, actor.organization_id, std::nullopt, body, now,
                  rowid,
                  side_of(tx, referral_id, actor.organization_id), std::nullopt, std::nullopt};
  return m;
}

MessageRecord ReferralMessageRepository::insert_from_person(WriteTxn& tx, const std::string& id,
                                                            const std::string& referral_id,
                                                            const std::string& body,
                                                            core::Timestamp now) {
  take_turn_in_thread(tx, referral_id);
  auto st = tx.prepared(R"sql(
      INSERT INTO referral_message (id, referral_id, author_kind, body, created_at)
      VALUES (?1, ?2, 'person', ?3, ?4)
      RETURNING rowid)sql");
  st.bind(1, id);
  st.bind(2, referral_id);
  st.bind(3, field_cipher().seal("referral_message.body", body));
  st.bind(4, core::to_millis(now));
  const std::int64_t rowid = st.step() ? st.int64(0) : 0;
  return {id, referral_id, "", "", std::nullopt, body, now, rowid, "person", std::nullopt,
          std::nullopt};
}

std::vector<MessageRecord> ReferralMessageRepository::list(WriteTxn& tx, const core::Actor& actor,
                                                           const std::string& referral_id,
                                                           std::int64_t after_seq,
                                                           int limit) {
  auto st = tx.prepared(R"sql(
      SELECT m.id, m.referral_id, COALESCE(m.author_user, ''), COALESCE(m.author_org, ''),
             u.display_name, m.body, m.created_at, m.rowid,
             CASE WHEN m.author_kind = 'person' THEN 'person'
                  WHEN m.author_org = r.from_org THEN 'sender' ELSE 'receiver' END,
             f.outcome, f.rating
        FROM referral_message m
        JOIN referral r ON r.id = m.referral_id AND (r.from_org = ?2 OR r.to_org = ?2)
        LEFT JOIN app_user u ON u.id = m.author_user
        LEFT JOIN person_feedback f ON f.message_id = m.id
       WHERE m.referral_id = ?1 AND m.rowid > ?3
       ORDER BY m.rowid LIMIT ?4)sql");
  st.bind(1, referral_id);
  st.bind(2, actor.organization_id);
  st.bind(3, after_seq);
  st.bind(4, limit + 1);
  std::vector<MessageRecord> out;
  while (st.step()) {
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.opt_text(4),
                   field_cipher().open("referral_message.body", st.text(5)),
                   core::from_millis(st.int64(6)), st.int64(7), st.text(8), st.opt_text(9),
                   st.opt_int64(10)});
  }
  return out;
}

}  // namespace enlace::storage
