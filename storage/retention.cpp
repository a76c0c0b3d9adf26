// Purging closed cases: see retention.hpp.
#include "storage/retention.hpp"

#include "core/audit_event.hpp"
#include "storage/audit_log.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <utility>
#include <vector>

namespace enlace::storage {

namespace {

void purge_one(WriteTxn& tx, const std::string& id, core::Timestamp now) {
  const std::int64_t at = core::to_millis(now);
  {
    // name_key '' also drops the case's search row (trigger case_name_search_update). The
    // erased values are '' or NULL, which read back with or without a key ('' for the
    // specific needs too: no plaintext where a sealed value belongs).
    auto st = tx.prepared(R"sql(
        UPDATE case_file
           SET given_name = NULL, family_name = NULL, name_key = '', birth_date = NULL,
               estimated_age = NULL, estimated_on = NULL, phone = NULL, notes = '',
               specific_needs = '', close_reason = NULL, birth_year = NULL, purged_at = ?2, updated_at = ?2,
               version = version + 1
         WHERE id = ?1)sql");
    st.bind(1, id);
    st.bind(2, at);
    st.run();
  }
  {
    // The blind name tokens (with a key) are the name too.
    auto st = tx.prepared("DELETE FROM case_name_token WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    // And so is the person match.
    auto st = tx.prepared("DELETE FROM person_match WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx.prepared("UPDATE case_transfer SET reason = '' WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx.prepared("UPDATE case_need SET note = '' WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx.prepared(R"sql(
        UPDATE referral_message SET body = ''
         WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?1))sql");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx.prepared(R"sql(
        UPDATE referral_history SET reason = NULL, outcome = NULL
         WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?1))sql");
    st.bind(1, id);
    st.run();
  }
  {
    // Codes (category, states, reason and outcome codes) stay for the gap report.
    auto st = tx.prepared(R"sql(
        UPDATE referral SET snapshot = NULL, reason = '', justification = NULL, outcome = NULL
         WHERE case_id = ?1)sql");
    st.bind(1, id);
    st.run();
  }
}

}  // namespace

core::Result<int> purge_closed_cases(const std::string& db_path, core::Timestamp now,
                                     int older_than_days) {
  if (older_than_days < 1) return core::Error::invalid_field("older_than", "must be at least 1");
  try {
    auto c = Connection::open(db_path, {});
    // Zero freed space so that erased names are not left readable in free pages.
    c.exec("PRAGMA secure_delete = ON");
    c.exec("BEGIN IMMEDIATE");
    int purged = 0;
    try {
      WriteTxn tx(c);
      const auto cutoff = now - std::chrono::days(older_than_days);
      std::vector<std::pair<std::string, std::string>> due;  // id, organisation
      {
        auto st = tx.prepared(R"sql(
            SELECT id, organization_id FROM case_file
             WHERE status = 'closed' AND purged_at IS NULL AND closed_at <= ?1
             ORDER BY id)sql");
        st.bind(1, core::to_millis(cutoff));
        while (st.step()) due.emplace_back(st.text(0), st.text(1));
      }
      for (const auto& [id, org] : due) {
        purge_one(tx, id, now);
        core::AuditEvent e;
        e.at = now;
        e.organization = org;
        e.role = "system";
        e.action = "case.purge";
        e.entity_type = "case";
        e.entity_id = id;
        e.outcome = "ok";
        append_audit(tx, e);
        ++purged;
      }
      // Merge the index segments so deleted names leave the FTS b-trees too.
      if (purged > 0) c.exec("INSERT INTO case_name_search(case_name_search) VALUES ('optimize')");
      c.exec("COMMIT");
    } catch (const DbError&) {
      c.exec("ROLLBACK");
      throw;
    }
    // Old page images of the erased rows live in the WAL until checkpointed and truncated.
    c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return purged;
  } catch (const DbError& e) {
    return core::Error::internal("Could not purge: " + e.message);
  }
}

}  // namespace enlace::storage
