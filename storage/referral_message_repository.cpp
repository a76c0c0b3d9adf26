// Referral messages in SQLite: see referral_message_repository.hpp.
#include "storage/referral_message_repository.hpp"

#include "storage/key_ring.hpp"

#include <sqlite3.h>

namespace enlace::storage {

MessageRecord ReferralMessageRepository::insert(WriteTxn& tx, const core::Actor& actor,
                                                const std::string& id,
                                                const std::string& referral_id,
                                                const std::string& body, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO referral_message (id, referral_id, author_user, author_org, body, created_at)
      SELECT ?1, r.id, ?3, ?4, ?5, ?6 FROM referral r
       WHERE r.id = ?2 AND (r.from_org = ?4 OR r.to_org = ?4))sql");
  st.bind(1, id);
  st.bind(2, referral_id);
  st.bind(3, actor.user_id);
  st.bind(4, actor.organization_id);
  st.bind(5, field_cipher().seal("referral_message.body", body));
  st.bind(6, core::to_millis(now));
  st.run();
  return {id, referral_id, actor.user_id, actor.organization_id, std::nullopt, body, now,
          sqlite3_last_insert_rowid(tx.connection().raw())};
}

std::vector<MessageRecord> ReferralMessageRepository::list(WriteTxn& tx, const core::Actor& actor,
                                                           const std::string& referral_id,
                                                           std::int64_t after_seq,
                                                           int limit) {
  auto st = tx.prepared(R"sql(
      SELECT m.id, m.referral_id, m.author_user, m.author_org, u.display_name, m.body, m.created_at,
             m.rowid
        FROM referral_message m
        JOIN referral r ON r.id = m.referral_id AND (r.from_org = ?2 OR r.to_org = ?2)
        LEFT JOIN app_user u ON u.id = m.author_user
       WHERE m.referral_id = ?1 AND m.rowid > ?3
       ORDER BY m.rowid LIMIT ?4)sql");
  st.bind(1, referral_id);
  st.bind(2, actor.organization_id);
  st.bind(3, after_seq);
  st.bind(4, limit + 1);
  std::vector<MessageRecord> out;
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.opt_text(4),
                   field_cipher().open("referral_message.body", st.text(5)),
                   core::from_millis(st.int64(6)), st.int64(7)});
  return out;
}

}  // namespace enlace::storage
