// `enlace backup` and `enlace restore` on PostgreSQL (API.md "PostgreSQL"): pg_dump's custom
// format, written from the snapshot whose audit chain was verified, and restored into an empty
// database with pg_restore, then verified.
#pragma once

#include "core/result.hpp"
#include "storage/backup.hpp"

#include <string>

namespace enlace::storage {

// Verifies the audit chain in one REPEATABLE READ snapshot (keyed links in full only with the
// installed key, as the SQLite backup) and has pg_dump write that same snapshot of the
// connection's schema to `file` (through file.partial, synced, then renamed). Refused, writing
// nothing: an existing `file`, a database that is not Enlace's, a broken chain, pg_dump
// missing or failing.
core::Result<BackupReport> backup_postgres(const std::string& uri, const std::string& file);

// Restores `file` (pg_dump's custom format) into the database `uri`, which must hold no table:
// the extensions are created first when missing (or named for an administrator), then
// pg_restore runs in one transaction without owners or grants (what it restores belongs to the
// connecting role), skipping the schema when the database has it already. Then the schema is
// migrated to this program's version and the audit chain is verified; a backup that fails
// either is removed again, leaving the database as empty as it was. The report's counts are
// those of the restored database.
core::Result<BackupReport> restore_postgres(const std::string& file, const std::string& uri);

}  // namespace enlace::storage
