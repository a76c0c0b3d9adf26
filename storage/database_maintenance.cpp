// Whole-database operations on either engine: see database_maintenance.hpp.
#include "storage/database_maintenance.hpp"

#include "storage/audit_chain_key.hpp"
#include "storage/audit_chain_keying.hpp"
#include "storage/audit_verify.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/pg_backup.hpp"
#include "storage/postgres/pg_uri.hpp"
#include "storage/retention.hpp"
#include "storage/sql.hpp"
#include "storage/user_repository.hpp"

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

 private:
  std::string db_;
  bool postgres_;
};

}  // namespace

std::unique_ptr<core::DatabaseMaintenance> open_database_maintenance(std::string db) {
  return std::make_unique<SqlDatabaseMaintenance>(std::move(db));
}

}  // namespace enlace::storage
