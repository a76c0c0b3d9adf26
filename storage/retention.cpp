// Erasing closed cases: see retention.hpp.
#include "storage/retention.hpp"

#include "storage/sql_follow_up_store.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <string>
#include <utility>
#include <vector>

namespace enlace::storage {

namespace {

// PostgreSQL keeps an updated row's old version, erased values included, until VACUUM removes
// it and the index entries that point to it; VACUUM cannot run inside the transaction. A GIN
// index keeps its keys even then (only their row pointers go): with names in clear, the trigram
// index is rebuilt from what the table now holds, without blocking the server's writes.
constexpr const char* kPurgedTables =
    "case_file, case_name_token, person_match, case_transfer, case_need, referral_message, "
    "referral_history, referral";  // every table erase_case changes
constexpr const char* kRebuildTrigrams = "REINDEX INDEX CONCURRENTLY case_name_trgm";

void clear_old_versions(Connection& c, bool plain_names) {
  c.exec(("VACUUM " + std::string(kPurgedTables)).c_str());
  if (plain_names) c.exec(kRebuildTrigrams);
}

}  // namespace

std::vector<core::PurgeDue> SqlRetentionStore::closed_unpurged(core::Timestamp cutoff) {
  std::vector<core::PurgeDue> due;
  auto st = tx_.prepared(R"sql(
      SELECT id, organization_id FROM case_file
       WHERE status = 'closed' AND purged_at IS NULL AND closed_at <= ?1
       ORDER BY id)sql");
  st.bind(1, core::to_millis(cutoff));
  while (st.step()) due.push_back({st.text(0), st.text(1)});
  return due;
}

void SqlRetentionStore::erase_case(const std::string& id, core::Timestamp now) {
  {
    // Whether the folded name is in clear: PostgreSQL's trigram index (case_name_trgm) then
    // holds its trigrams.
    auto st = tx_.prepared(
        "SELECT 1 FROM case_file WHERE id = ?1 AND name_key <> '' AND name_key NOT LIKE 'blind1:%'");
    st.bind(1, id);
    plain_names_ = st.step() || plain_names_;
  }
  const std::int64_t at = core::to_millis(now);
  {
    // name_key '' also drops the case's search row (trigger case_name_search_update). The
    // erased values are '' or NULL, which read back with or without a key ('' for the
    // specific needs too: no plaintext where a sealed value belongs).
    auto st = tx_.prepared(R"sql(
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
    auto st = tx_.prepared("DELETE FROM case_name_token WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    // And so is the person match.
    auto st = tx_.prepared("DELETE FROM person_match WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx_.prepared("UPDATE case_transfer SET reason = '' WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx_.prepared("UPDATE case_need SET note = '' WHERE case_id = ?1");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx_.prepared(R"sql(
        UPDATE referral_message SET body = ''
         WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?1))sql");
    st.bind(1, id);
    st.run();
  }
  {
    auto st = tx_.prepared(R"sql(
        UPDATE referral_history SET reason = NULL, outcome = NULL
         WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?1))sql");
    st.bind(1, id);
    st.run();
  }
  {
    // Codes (category, states, reason and outcome codes) stay for the gap report.
    auto st = tx_.prepared(R"sql(
        UPDATE referral SET snapshot = NULL, reason = '', justification = NULL, outcome = NULL
         WHERE case_id = ?1)sql");
    st.bind(1, id);
    st.run();
  }
}

core::Result<int> erase_in_database(const std::string& db_path, const core::ErasureJob& job,
                                    core::Timestamp at) {
  try {
    auto c = Connection::open(db_path, {});
    // Zero freed space so that erased names are not left readable in free pages.
    c.exec("PRAGMA secure_delete = ON");
    c.exec("BEGIN IMMEDIATE");
    int purged = 0;
    bool plain_names = false;  // an erased case's name was in the trigram index
    try {
      WriteTxn tx(c);
      SqlRetentionStore store(tx);
      SqlSystemAuditTrail audit(tx, at, "");  // the purge's events have always named no user
      auto done = job(core::RetentionPorts{store, audit});
      if (!done) {
        c.exec("ROLLBACK");
        return done.error();
      }
      purged = *done;
      plain_names = store.erased_plain_names();
      // Merge the index segments so deleted names leave the FTS b-trees too.
      if (purged > 0 && !c.is_postgres())
        c.exec("INSERT INTO case_name_search(case_name_search) VALUES ('optimize')");
      c.exec("COMMIT");
    } catch (const DbError&) {
      c.exec("ROLLBACK");
      throw;
    }
    // Old page images of the erased rows live in the WAL until checkpointed and truncated.
    c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    if (purged > 0 && c.is_postgres()) {
      try {
        clear_old_versions(c, plain_names);
      } catch (const DbError& e) {
        // The erasure is committed: say so, and what is left to do by hand.
        return core::Error::internal(
            "Purged " + std::to_string(purged) + " case(s), but clearing their old row versions failed (" +
            e.message + "): run VACUUM " + kPurgedTables +
            (plain_names ? std::string(", then ") + kRebuildTrigrams : std::string()));
      }
    }
    return purged;
  } catch (const DbError& e) {
    return core::Error::internal("Could not purge: " + e.message);
  }
}

}  // namespace enlace::storage
