// Backup and restore: see backup.hpp.
#include "storage/backup.hpp"

#include "storage/audit_log.hpp"
#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

namespace enlace::storage {

namespace fs = std::filesystem;

BackupReport backup_report_of(const ChainReport& chain) {
  BackupReport r;
  r.audit_events = chain.events;
  r.audit_head = chain.head;
  r.audit_keyed = chain.keyed_from.has_value();
  r.keyed_links_checked = !chain.needs_key;
  return r;
}

core::Result<BackupReport> verify_database_file(const std::string& path) {
  try {
    auto c = Connection::open(path, {.read_only = true});
    {
      auto st = c.prepared("PRAGMA integrity_check");
      st.step();
      if (st.text(0) != "ok")
        return core::Error::conflict("backup-corrupt", path + " fails integrity_check: " + st.text(0));
    }
    // Backups must not depend on the key being at hand: without it, keyed events are checked
    // for their links only; `enlace audit verify` with the key checks them in full.
    auto chain = verify_audit_chain(c, {}, installed_audit_chain_key(), ChainCheck::copy);
    if (!chain.ok)
      return core::Error::conflict("audit-chain-broken",
                                   path + ": audit chain broken at event " +
                                       std::to_string(*chain.broken_seq) + ": " + chain.problem);
    return backup_report_of(chain);
  } catch (const SqliteError& e) {
    return core::Error::internal(path + ": " + e.message);
  }
}

namespace {

// Writes the head and count into the copy (not into the live database, where whoever could
// cut the chain could also rewrite them).
void record_anchor(const std::string& copy, const BackupReport& r) {
  auto c = Connection::open(copy, {.read_only = false});
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto st = c.prepared(R"sql(
      INSERT INTO setting (key, value, version, updated_at)
      VALUES (?1, json_object('audit_events', ?2, 'audit_head', ?3, 'audit_keyed',
                              json(CASE WHEN ?4 THEN 'true' ELSE 'false' END), 'taken_at', ?5),
              1, ?6)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1,
                                      updated_at = excluded.updated_at)sql");
  st.bind(1, kBackupAnchorSetting);
  st.bind(2, r.audit_events);
  st.bind(3, r.audit_head);
  st.bind(4, r.audit_keyed);
  st.bind(5, core::format_timestamp(now));
  st.bind(6, core::to_millis(now));
  st.run();
}

// The chain of a backup (verified already) must still hold the head it recorded, at the place
// it recorded: otherwise events were cut from its end.
core::Result<void> check_anchor(const std::string& path) {
  try {
    auto c = Connection::open(path, {.read_only = true});
    auto anchor = c.prepared(
        "SELECT json_extract(value, '$.audit_events'), json_extract(value, '$.audit_head') "
        "FROM setting WHERE key = ?1");
    anchor.bind(1, kBackupAnchorSetting);
    if (!anchor.step()) return {};  // a backup from before anchors were recorded
    auto events = anchor.opt_int64(0);
    auto head = anchor.opt_text(1);
    auto at = c.prepared("SELECT hash FROM audit_event WHERE seq = ?1");
    at.bind(1, events.value_or(-1));
    if (!events || !head || (*events == 0 ? *head != kGenesisHash : !at.step() || at.text(0) != *head))
      return core::Error::conflict(
          "audit-chain-cut", path + ": the backup recorded an audit head its chain no longer holds "
                                    "at event " + std::to_string(events.value_or(0)) +
                                    " (events were removed from its end)");
    return {};
  } catch (const SqliteError& e) {
    return core::Error::internal(path + ": " + e.message);
  }
}

}  // namespace

core::Result<BackupReport> backup_database(const std::string& db, const std::string& to) {
  std::error_code ec;
  if (fs::exists(to, ec)) return core::Error::conflict("exists", to + " already exists; choose a new file");
  std::string tmp = to + ".partial";
  fs::remove(tmp, ec);
  int pages = 0;
  try {
    auto src = Connection::open(db, {.read_only = true});
    auto dst = Connection::open(tmp, {.read_only = false, .create = true});
    // Copy in one step: a stepwise copy restarts whenever the writer commits, and under
    // steady writes would never finish. One step holds a read snapshot, which WAL allows
    // alongside the writer.
    sqlite3_backup* b = sqlite3_backup_init(dst.raw(), "main", src.raw(), "main");
    if (!b) throw_sqlite(dst.raw(), sqlite3_errcode(dst.raw()));
    int rc = sqlite3_backup_step(b, -1);
    pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw_sqlite(dst.raw(), rc);
    dst.exec("PRAGMA journal_mode = DELETE");  // a single self-contained file
  } catch (const SqliteError& e) {
    fs::remove(tmp, ec);
    return core::Error::internal("Backup failed: " + e.message);
  }
  auto verified = verify_database_file(tmp);
  if (!verified) {
    fs::remove(tmp, ec);
    return verified.error();
  }
  try {
    record_anchor(tmp, *verified);
  } catch (const SqliteError& e) {
    fs::remove(tmp, ec);
    return core::Error::internal("Backup failed: " + e.message);
  }
  // fsync the file before the rename makes it visible under its final name.
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, to, ec);
  if (ec) return core::Error::internal("Could not move the backup into place: " + ec.message());
  verified->pages = pages;
  return verified;
}

core::Result<BackupReport> restore_database(const std::string& from, const std::string& db) {
  auto verified = verify_database_file(from);
  if (!verified) return verified.error();
  if (auto anchored = check_anchor(from); !anchored) return anchored.error();
  auto version = schema_version(from);
  if (!version) return version.error();
  if (*version > latest_schema_version())
    return core::Error::conflict("schema-too-new", "The backup is newer than this enlace.");
  auto lock = InstanceLock::acquire(db);
  if (!lock) return core::Error::conflict("in-use", db + " is in use by a running server; stop it first");
  std::error_code ec;
  std::string tmp = db + ".restoring";
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec) return core::Error::internal("Could not copy the backup: " + ec.message());
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::remove(db + "-wal", ec);
  fs::remove(db + "-shm", ec);
  fs::rename(tmp, db, ec);
  if (ec) return core::Error::internal("Could not put the restored database in place: " + ec.message());
  auto migrated = migrate(db);  // an older backup is brought to this schema
  if (!migrated) return migrated.error();
  return verified;
}

}  // namespace enlace::storage
