// Online backup (SQLite backup API: a consistent snapshot while the server writes) and
// restore (verify integrity and the audit chain first, then replace the database file).
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>

namespace enlace::storage {

struct BackupReport {
  int pages = 0;
  std::int64_t audit_events = 0;
  std::string audit_head;
};

core::Result<BackupReport> backup_database(const std::string& db, const std::string& to);

// Refuses while another process holds the database open for writing (a running server).
core::Result<BackupReport> restore_database(const std::string& from, const std::string& db);

// integrity_check + audit chain of a database file; the same checks backup and restore run.
core::Result<BackupReport> verify_database_file(const std::string& path);

}  // namespace enlace::storage
