// sqlite3 wrappers: see sqlite.hpp.
#include "storage/sqlite.hpp"

#include <sqlite3.h>

namespace enlace::storage {

void throw_sqlite(sqlite3* db, int rc) {
  throw SqliteError{rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
}

Statement::~Statement() {
  if (st_) {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
}

void Statement::bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind(int i, double v) {
  int rc = sqlite3_bind_double(st_, i, v);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind_null(int i) {
  int rc = sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind_blob(int i, std::string_view b) {
  int rc = sqlite3_bind_blob(st_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}

bool Statement::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, rc);
}
void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
std::string Statement::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
std::string_view Statement::text_view(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string_view();
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(st_, col); }
std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}
double Statement::real(int col) const { return sqlite3_column_double(st_, col); }
std::string Statement::blob(int col) const {
  auto p = static_cast<const char*>(sqlite3_column_blob(st_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}

Connection Connection::open(const std::string& path, OpenOptions options) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throw SqliteError{rc, msg};
  }
  Connection c(db);
  // A busy database waits briefly instead of failing at once (backup, a second process).
  sqlite3_busy_timeout(db, 5000);
  c.exec("PRAGMA foreign_keys = ON");
  if (options.read_only) {
    // Readers map the file instead of copying each page through read(): reports that touch
    // most of an index (the gap report) spent a third of their time in the kernel's copies.
    // Writes keep the plain I/O path (a mapped write cannot report a full disk).
    c.exec("PRAGMA mmap_size = 1073741824");
  } else {
    c.exec("PRAGMA journal_mode = WAL");
    // FULL: a COMMIT returns only after the WAL is on disk; replies depend on it.
    c.exec("PRAGMA synchronous = FULL");
  }
  return c;
}

Connection::Connection(Connection&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)) {
  o.db_ = nullptr;
  o.cache_.clear();
}
Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    this->~Connection();
    db_ = o.db_;
    cache_ = std::move(o.cache_);
    o.db_ = nullptr;
    o.cache_.clear();
  }
  return *this;
}
Connection::~Connection() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Statement Connection::prepared(std::string_view sql) {
  auto key = std::string(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) throw_sqlite(db_, rc);
    it = cache_.emplace(std::move(key), st).first;
  }
  return Statement(it->second, db_);
}

void Connection::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError{rc, msg};
  }
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

std::vector<std::string> Connection::cached_sql() const {
  std::vector<std::string> out;
  for (const auto& [sql, st] : cache_) out.push_back(sql);
  return out;
}

}  // namespace enlace::storage
