// Whole-database operations on either engine: see database_maintenance.hpp.
#include "storage/database_maintenance.hpp"

#include "storage/audit_chain_key.hpp"
#include "storage/audit_chain_keying.hpp"
#include "storage/audit_verify.hpp"
#include "storage/backup.hpp"
#include "storage/field_cipher.hpp"
#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/pg_backup.hpp"
#include "storage/postgres/pg_uri.hpp"
#include "storage/postgres/sqlite_to_postgres.hpp"
#include "storage/rekey.hpp"
#include "storage/retention.hpp"
#include "storage/sql.hpp"
#include "storage/user_repository.hpp"

#include <optional>
#include <utility>

namespace enlace::storage {

namespace {

core::BackupReport to_core(const BackupReport& r, bool postgres) {
  core::BackupReport out;
  out.format = postgres ? core::BackupReport::Format::pg_dump_custom
                        : core::BackupReport::Format::sqlite_file;
  out.pages = r.pages;
  out.audit_events = r.audit_events;
  out.audit_head = r.audit_head;
  out.audit_keyed = r.audit_keyed;
  out.keyed_links_checked = r.keyed_links_checked;
  return out;
}

core::DeploymentCopyReport to_core(const DeploymentCopy& c) {
  core::DeploymentCopyReport out;
  out.database = c.database;
  out.where = c.target.where();
  out.schema_version = c.schema_version;
  out.schema_created = c.schema_created;
  for (const auto& t : c.tables) out.tables.push_back({t.table, t.sqlite_rows, t.postgres_rows});
  out.differences = c.differences;
  out.committed = c.committed;
  out.analyzed = c.analyzed;
  out.chain_events = c.chain.events;
  out.chain_head = c.chain.head;
  out.chain_needs_key = c.chain.needs_key;
  return out;
}

// The rotation's two keys, read from their files (the old one absent when there was none).
struct RotationKeys {
  std::string fresh;
  std::optional<std::string> old;
};

core::Result<RotationKeys> read_rotation_keys(const core::KeyRotation& r) {
  auto fresh = read_field_key(r.new_key_file);
  if (!fresh) return std::move(fresh).error();
  RotationKeys keys{std::move(*fresh), std::nullopt};
  if (!r.old_key_file.empty()) {
    auto old = read_field_key(r.old_key_file);
    if (!old) return std::move(old).error();
    keys.old = std::move(*old);
  }
  return keys;
}

// Opens a connection per operation: a command runs one, and serve's start-up runs before its
// pools open.
class SqlDatabaseMaintenance final : public core::DatabaseMaintenance {
 public:
  explicit SqlDatabaseMaintenance(std::string db)
      : db_(std::move(db)), postgres_(is_postgres_uri(db_)) {}

  core::Result<core::SchemaState> schema_state() override {
    auto version = schema_version(db_);
    if (version) return core::SchemaState{*version, latest_schema_version()};
    // A SQLite file that is missing or not Enlace's needs `init`; a server that did not answer
    // is the operator's to hear about.
    if (postgres_) return std::move(version).error();
    return core::SchemaState{std::nullopt, latest_schema_version()};
  }

  core::Result<bool> has_users() override { return read_has_users(db_); }

  core::Result<core::SchemaMigration> migrate() override {
    auto m = storage::migrate(db_);
    if (!m) return std::move(m).error();
    return core::SchemaMigration{m->from_version, m->to_version};
  }

  core::Result<core::BackupReport> backup(const std::string& to) override {
    auto r = postgres_ ? backup_postgres(db_, to) : backup_database(db_, to);
    if (!r) return std::move(r).error();
    return to_core(*r, postgres_);
  }

  core::Result<core::BackupReport> restore(const std::string& from) override {
    auto r = postgres_ ? restore_postgres(from, db_) : restore_database(from, db_);
    if (!r) return std::move(r).error();
    return to_core(*r, postgres_);
  }

  core::Result<core::ChainReport> verify_audit_chain(std::string_view expect_head) override {
    return verify_audit_log(db_, expect_head);
  }

  core::Result<void> check_chain_key() override {
    try {
      auto c = Connection::open(db_, {.read_only = true});
      return check_audit_chain_key(c, installed_audit_chain_key());
    } catch (const DbError&) {
      return {};  // no database, or not initialised: the command itself says so
    }
  }

  core::Result<core::ChainKeyingStart> start_audit_chain(core::AuditEvent marker) override {
    const auto* key = installed_audit_chain_key();
    marker.entity_id = key ? key->id() : "";
    auto keyed = storage::start_audit_chain(db_, key, marker);
    if (!keyed) return std::move(keyed).error();
    return core::ChainKeyingStart{*keyed, key ? key->id() : ""};
  }

  core::Result<int> erase(const core::ErasureJob& job, core::Timestamp at) override {
    return erase_in_database(db_, job, at);
  }

  core::Result<void> check_key_files(const core::KeyRotation& rotation) override {
    auto keys = read_rotation_keys(rotation);
    if (!keys) return std::move(keys).error();
    return {};
  }

  core::Result<core::RekeyOutcome> rekey(const core::KeyRotation& rotation) override {
    auto keys = read_rotation_keys(rotation);
    if (!keys) return std::move(keys).error();
    // A server holding the database would go on sealing with the old key. On PostgreSQL
    // rekey_database itself refuses while a server is connected.
    std::optional<InstanceLock> lock;
    if (!postgres_) {
      auto held = InstanceLock::acquire(db_);
      if (!held) return std::move(held).error();
      lock.emplace(std::move(*held));
    }
    // The new key also opens: re-running an interrupted or finished rekey is harmless. Only
    // here is plaintext read as a value (written before the key): it is sealed now.
    std::vector<std::string> older;
    if (keys->old) older.push_back(*keys->old);
    FieldCipher opener(keys->fresh, older, Plaintext::accepted);
    FieldCipher sealer(keys->fresh);
    // The chain key cannot survive the rotation (it is derived from the key), so the chain is
    // re-linked under the new one and re-anchored: the marker records the rotation in it.
    std::unique_ptr<const AuditChainKey> old_chain;
    if (keys->old) old_chain = AuditChainKey::derive(*keys->old);
    auto new_chain = AuditChainKey::derive(keys->fresh);
    core::AuditEvent marker = rotation.marker;
    marker.entity_id = new_chain->id();
    auto r = rekey_database(db_, opener, sealer, ChainRotation{old_chain.get(), *new_chain, marker});
    if (!r) return std::move(r).error();
    return core::RekeyOutcome{r->values,       r->were_plaintext,  sealer.key_id(),  new_chain->id(),
                              r->chain.events, r->chain.old_head, r->chain.new_head};
  }

  core::Result<core::DeploymentCopyReport> copy_to_postgres(const std::string& uri) override {
    if (postgres_)
      return core::Error::invalid_field("from",
                                        "must be the SQLite database file of the deployment to move");
    if (!is_postgres_uri(uri))
      return core::Error::invalid_field(
          "to", "must be a PostgreSQL URI (postgresql://user@host:port/dbname)");
    if (auto target = parse_postgres_uri(uri); !target) return std::move(target).error();
    auto copied = copy_sqlite_to_postgres(db_, uri);
    if (!copied) return std::move(copied).error();
    return to_core(*copied);
  }

 private:
  std::string db_;
  bool postgres_;
};

}  // namespace

std::unique_ptr<core::DatabaseMaintenance> open_database_maintenance(std::string db) {
  return std::make_unique<SqlDatabaseMaintenance>(std::move(db));
}

}  // namespace enlace::storage
