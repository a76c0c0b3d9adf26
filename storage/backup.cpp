// Backup and restore: see backup.hpp.
#include "storage/backup.hpp"

#include "storage/audit_log.hpp"
#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

namespace enlace::storage {

namespace fs = std::filesystem;

core::Result<BackupReport> verify_database_file(const std::string& path) {
  try {
    auto c = Connection::open(path, {.read_only = true});
    {
      auto st = c.prepared("PRAGMA integrity_check");
      st.step();
      if (st.text(0) != "ok")
        return core::Error::conflict("backup-corrupt", path + " fails integrity_check: " + st.text(0));
    }
    auto chain = verify_audit_chain(c);
    if (!chain.ok)
      return core::Error::conflict("audit-chain-broken",
                                   path + ": audit chain broken at event " +
                                       std::to_string(*chain.broken_seq) + ": " + chain.problem);
    BackupReport r;
    r.audit_events = chain.events;
    r.audit_head = chain.head;
    return r;
  } catch (const SqliteError& e) {
    return core::Error::internal(path + ": " + e.message);
  }
}

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
