// The operations on a whole database that the command line and the server's start-up run: the
// schema, backup and restore, the audit chain's verification and keying, and the erasure of
// closed cases. How each is done is the engine's own (VACUUM INTO or pg_dump, secure_delete or
// VACUUM), so the port says what an operator is told and not how; the rules (which cases may be
// purged) are use cases over the ports it hands out. One adapter serves both engines, picked
// from the database's name: storage/database_maintenance.hpp.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/audit_log_reader.hpp"
#include "core/ports/follow_up_store.hpp"
#include "core/ports/retention_store.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

struct SchemaState {
  std::optional<int> version;  // none: no database there yet, or not one this program made
  int latest = 0;              // this program's version
  bool current() const { return version == latest; }
};

struct SchemaMigration {
  int from_version = 0, to_version = 0;
};

// What a backup or a restore verified: the audit chain of the copy.
struct BackupReport {
  enum class Format { sqlite_file, pg_dump_custom };
  Format format = Format::sqlite_file;
  int pages = 0;  // sqlite_file only
  std::int64_t audit_events = 0;
  std::string audit_head;
  bool audit_keyed = false;
  bool keyed_links_checked = true;  // false when keyed and no key was configured
};

// What the server's start-up did to the chain: keyed it (the switch-over event's seq), or
// nothing; key_id is the installed chain key's id, empty when none is configured.
struct ChainKeyingStart {
  std::optional<std::int64_t> keyed_from;
  std::string key_id;
};

// The ports of an erasure, over its one write transaction.
struct RetentionPorts {
  RetentionStore& store;
  SystemAuditTrail& audit;
};
using ErasureJob = std::function<Result<int>(RetentionPorts)>;

// One database, named at construction; each call opens what it needs and closes it again.
// Every error's detail is one line for an operator, without a password.
class DatabaseMaintenance {
 public:
  virtual ~DatabaseMaintenance() = default;

  // An error only when the server holding the database could not be asked (PostgreSQL).
  virtual Result<SchemaState> schema_state() = 0;
  // Whether the database has any account, read without changing it (none yet: false).
  virtual Result<bool> has_users() = 0;
  // Creates the database if needed and applies every pending migration in one transaction; a
  // database newer than this program is refused (conflict), untouched.
  virtual Result<SchemaMigration> migrate() = 0;

  // A consistent copy to `to` while the server writes, after verifying its audit chain.
  virtual Result<BackupReport> backup(const std::string& to) = 0;
  // Replaces the database with the verified backup `from` (refused while a server writes to it,
  // or when the copy's chain no longer holds the head it recorded).
  virtual Result<BackupReport> restore(const std::string& from) = 0;

  // The whole chain with the installed chain key; `expect_head` empty or a head recorded
  // earlier that the chain must contain.
  virtual Result<ChainReport> verify_audit_chain(std::string_view expect_head) = 0;
  // Whether this process may append to the chain: a keyed chain needs the key it is keyed with
  // (conflict otherwise). No database, or one not initialised, passes: the command says so.
  virtual Result<void> check_chain_key() = 0;
  // The server's start-up, before it writes: the check above and, with a chain key installed,
  // keys a chain that has events but no keyed one with `marker` (its entity_id is set to the
  // key's id), which records the switch-over.
  virtual Result<ChainKeyingStart> start_audit_chain(AuditEvent marker) = 0;

  // Runs `job` in one write transaction, its events recorded at `at`, and commits when it
  // succeeds; then makes what it erased leave the database's files (freed pages zeroed, the WAL
  // truncated; on PostgreSQL the old row versions vacuumed). Returns the job's count, or why it
  // failed; a failure after COMMIT says what was erased and what is left to do by hand.
  virtual Result<int> erase(const ErasureJob& job, Timestamp at) = 0;
};

}  // namespace enlace::core
