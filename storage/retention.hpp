// Retention's adapter (core/ports/retention_store.hpp) and the erasure around it: the personal
// data of closed cases leaves the rows, and then the database's files.
#pragma once

#include "core/ports/database_maintenance.hpp"
#include "core/ports/retention_store.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

// Over one write transaction. Erases names, birth date or estimated age, phone, notes, specific
// needs, need notes and the close reason of a case; the snapshots, free-text reasons and
// outcomes of its referrals and the bodies of their messages; its search-index rows, blind
// name tokens and person match. Sets purged_at.
class SqlRetentionStore final : public core::RetentionStore {
 public:
  explicit SqlRetentionStore(WriteTxn& tx) : tx_(tx) {}
  std::vector<core::PurgeDue> closed_unpurged(core::Timestamp cutoff) override;
  void erase_case(const std::string& case_id, core::Timestamp now) override;

  // Whether an erased case's name was in clear (no key when it was written): PostgreSQL's
  // trigram index then held it.
  bool erased_plain_names() const { return plain_names_; }

 private:
  WriteTxn& tx_;
  bool plain_names_ = false;
};

// DatabaseMaintenance::erase on `db_path`: `job` on a SqlRetentionStore and the system's audit
// trail (events at `at`, no user) in one transaction. Freed pages are zeroed and the WAL
// truncated so the erased text does not linger in the file; on PostgreSQL the changed tables
// are vacuumed after COMMIT (and the trigram index of names rebuilt when it held an erased
// name), so that no old row version keeps the erased text.
core::Result<int> erase_in_database(const std::string& db_path, const core::ErasureJob& job,
                                    core::Timestamp at);

}  // namespace enlace::storage
