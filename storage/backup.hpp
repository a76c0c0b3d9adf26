// Online backup (SQLite backup API: a consistent snapshot while the server writes) and
// restore (verify integrity and the audit chain first, then replace the database file). Each
// backup records the audit chain's head and count in itself (setting kBackupAnchorSetting):
// an anchor outside the live database, which restore checks the copy still holds.
#pragma once

#include "core/ports/audit_log_reader.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>

namespace enlace::storage {

inline constexpr const char* kBackupAnchorSetting = "backup_anchor";

struct BackupReport {
  int pages = 0;
  std::int64_t audit_events = 0;
  std::string audit_head;
  bool audit_keyed = false;
  bool keyed_links_checked = true;  // false when keyed and no key was configured
};

using ChainReport = core::ChainReport;
// What a verified chain says about a backup: count, head, keyed, links checked in full.
BackupReport backup_report_of(const ChainReport& chain);

core::Result<BackupReport> backup_database(const std::string& db, const std::string& to);

// Refuses while another process holds the database open for writing (a running server), and
// refuses a backup whose chain no longer holds the head it recorded (its tail was cut).
core::Result<BackupReport> restore_database(const std::string& from, const std::string& db);

// integrity_check + audit chain of a database file; the same checks backup and restore run.
core::Result<BackupReport> verify_database_file(const std::string& path);

}  // namespace enlace::storage
