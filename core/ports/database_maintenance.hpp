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
#include <vector>

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

// `enlace rekey`'s request: the key files as the configuration names them (a path, or
// env:NAME), the old one empty when the values were written without a key; `marker` records the
// rotation in the audit chain (its entity_id is set to the new chain key's id).
struct KeyRotation {
  std::string new_key_file;
  std::string old_key_file;
  AuditEvent marker;
};

// What a rekey did: the values re-encrypted (of which were plaintext) under `key_id`, and the
// audit chain re-linked under the chain key `chain_key_id`, now ending at `new_head`.
struct RekeyOutcome {
  std::int64_t values = 0;
  std::int64_t were_plaintext = 0;
  std::string key_id;
  std::string chain_key_id;
  std::int64_t chain_events = 0;
  std::string old_head, new_head;
};

// `enlace migrate --from --to`: one table's rows in the source and in the copy.
struct TableCopy {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t copied_rows = 0;
};

// What a deployment's copy into PostgreSQL found; `committed` only when every table's counts
// matched and the copy's audit chain verified to the source's head (`differences` says what
// did not, and then nothing was committed).
struct DeploymentCopyReport {
  std::string database;  // the PostgreSQL database written to
  std::string where;     // its server, without a password
  int schema_version = 0;
  bool schema_created = false;
  std::vector<TableCopy> tables;  // in the order copied
  std::vector<std::string> differences;
  bool committed = false;
  bool analyzed = false;  // the planner's statistics gathered after COMMIT
  std::int64_t chain_events = 0;
  std::string chain_head;
  bool chain_needs_key = false;  // keyed events checked for their links only (no key installed)
};

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

  // Whether the rotation's key files can be read as keys (an invalid error naming the one that
  // cannot), before anything is opened.
  virtual Result<void> check_key_files(const KeyRotation& rotation) = 0;
  // Re-encrypts every encrypted value under the new key, plaintext included, and re-links the
  // audit chain under its chain key, in one transaction; refused while a server holds the
  // database, and when a value does not open or the chain does not verify (nothing changed).
  virtual Result<RekeyOutcome> rekey(const KeyRotation& rotation) = 0;
  // Copies this SQLite deployment, unchanged, into the empty PostgreSQL database `uri`, verified
  // (row counts, the audit chain) before it commits. An invalid error when `uri` is not a
  // usable PostgreSQL URI (its detail without the password).
  virtual Result<DeploymentCopyReport> copy_to_postgres(const std::string& uri) = 0;
};

}  // namespace enlace::core
