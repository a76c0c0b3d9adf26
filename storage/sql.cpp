// Connections and statements on either engine: see sql.hpp. SQLite is served here directly;
// PostgreSQL through storage/postgres/pg_statement.hpp.
#include "storage/sql.hpp"

#include "storage/postgres/pg_statement.hpp"

#include <sqlite3.h>

#include <charconv>
#include <cstring>

namespace enlace::storage {

namespace {

// The shortest text that reads back as the same double.
std::string fmt_double(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

}  // namespace

void throw_sqlite(sqlite3* db, int rc) {
  throw DbError{rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
}

Statement::Statement(sqlite3_stmt* st, sqlite3* db) : st_(st), db_(db) {}
Connection::Connection(sqlite3* db) : db_(db) {}
Statement::Statement(std::unique_ptr<PgStatementState> pg) : pg_(std::move(pg)) {}
Statement::Statement(Statement&& o) noexcept : st_(o.st_), db_(o.db_), pg_(std::move(o.pg_)) {
  o.st_ = nullptr;
}

Statement::~Statement() {
  if (st_) {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
}

void Statement::bind(int i, std::string_view v) {
  if (pg_) return pg_->bind(i, std::string(v), 25);  // text
  int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind(int i, std::int64_t v) {
  if (pg_) return pg_->bind(i, std::to_string(v), 20);  // int8
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind(int i, bool v) {
  // Untyped: the SQL decides, as a flag column (bigint) or as a condition (boolean).
  if (pg_) return pg_->bind(i, std::string(v ? "1" : "0"), 0);
  bind(i, std::int64_t{v ? 1 : 0});
}
void Statement::bind(int i, double v) {
  if (pg_) return pg_->bind(i, fmt_double(v), 701);  // float8
  int rc = sqlite3_bind_double(st_, i, v);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind_null(int i, NullOf type) {
  if (!pg_) return bind_null(i);
  pg_->bind(i, std::nullopt, type == NullOf::integer ? 20 : type == NullOf::real ? 701 : 25);
}
void Statement::bind_null(int i) {
  if (pg_) return pg_->bind(i, std::nullopt, 0);
  int rc = sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}
void Statement::bind_blob(int i, std::string_view b) {
  if (pg_) return pg_->bind(i, pg_bytea_text(b), 17);  // bytea
  int rc = sqlite3_bind_blob(st_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_sqlite(db_, rc);
}

bool Statement::step() {
  if (pg_) return pg_->step();
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, rc);
}
void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int col) const {
  if (pg_) return pg_->is_null(col);
  return sqlite3_column_type(st_, col) == SQLITE_NULL; }
std::string Statement::text(int col) const {
  if (pg_) return std::string(pg_->text_view(col));
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
std::string_view Statement::text_view(int col) const {
  if (pg_) return pg_->text_view(col);
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string_view();
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::int64_t Statement::int64(int col) const {
  if (pg_) return pg_->int64(col);
  return sqlite3_column_int64(st_, col); }
std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}
double Statement::real(int col) const {
  if (pg_) return pg_->real(col);
  return sqlite3_column_double(st_, col); }
std::string Statement::blob(int col) const {
  if (pg_) return pg_->blob(col);
  auto p = static_cast<const char*>(sqlite3_column_blob(st_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}

Connection Connection::open(const std::string& path, OpenOptions options) {
  if (is_postgres_uri(path)) {
    Connection c(nullptr);
    c.uri_ = path;
    c.read_only_ = options.read_only;
    c.ensure_open();
    return c;
  }
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throw DbError{rc, msg};
  }
  Connection c(db);
  // Readers do not map the file (no mmap_size): in WAL mode a read transaction that begins after
  // any commit unmaps it, and a server that audits nearly every request commits all the time, so
  // each read faulted its pages back in. Off, an inbox page was 3x faster; reports no slower
  // (docs/PERFORMANCE.md, "Reads without mmap").
  // A busy database waits briefly instead of failing at once (backup, a second process).
  sqlite3_busy_timeout(db, 5000);
  c.exec("PRAGMA foreign_keys = ON");
  if (!options.read_only) {
    c.exec("PRAGMA journal_mode = WAL");
    // FULL: a COMMIT returns only after the WAL is on disk; replies depend on it.
    c.exec("PRAGMA synchronous = FULL");
  }
  return c;
}

Connection::Connection(Connection&& o) noexcept
    : db_(o.db_),
      cache_(std::move(o.cache_)),
      pg_(std::move(o.pg_)),
      pg_sql_(std::move(o.pg_sql_)),
      uri_(std::move(o.uri_)),
      read_only_(o.read_only_),
      pg_changes_(o.pg_changes_),
      sign_in_rows_changed_(o.sign_in_rows_changed_) {
  o.db_ = nullptr;
  o.cache_.clear();
}
Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    // This connection's own first (not by calling the destructor: its members live on).
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    if (db_) sqlite3_close_v2(db_);
    db_ = o.db_;
    cache_ = std::move(o.cache_);
    pg_ = std::move(o.pg_);
    pg_sql_ = std::move(o.pg_sql_);
    uri_ = std::move(o.uri_);
    read_only_ = o.read_only_;
    pg_changes_ = o.pg_changes_;
    sign_in_rows_changed_ = o.sign_in_rows_changed_;
    o.db_ = nullptr;
    o.cache_.clear();
  }
  return *this;
}
namespace {

// SQLite calls this for every row inserted, updated or deleted on the connection. (It is not
// called for WITHOUT ROWID tables, REPLACE deletions or the truncate optimisation; app_user and
// session are rowid tables and no statement uses the other two on them.)
void note_sign_in_rows(void* flag, int, const char*, const char* table, sqlite3_int64) {
  if (std::strcmp(table, "session") == 0 || std::strcmp(table, "app_user") == 0)
    *static_cast<bool*>(flag) = true;
}

}  // namespace

void Connection::watch_sign_in_rows(bool* flag) {
  sign_in_rows_changed_ = flag;
  if (db_) sqlite3_update_hook(db_, note_sign_in_rows, flag);
}

void Connection::ensure_open() {
  if (!is_postgres_uri(uri_) || (pg_ && pg_->is_ok())) return;
  pg_sql_.clear();
  try {
    pg_ = std::make_unique<PgConnection>(PgConnection::open(uri_));
  } catch (const PgError& e) {
    pg_.reset();
    throw_pg_as_db_error(e);
  }
}

void Connection::exec_postgres(const char* sql) {
  if (!pg_) throw DbError{0, "no connection to PostgreSQL", StorageFailure::unavailable};
  std::string_view text(sql);
  if (text.starts_with("PRAGMA")) return;  // SQLite's settings; PostgreSQL's are the server's
  if (text == "BEGIN IMMEDIATE" || text == "BEGIN")
    text = read_only_ ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN";
  try {
    pg_->exec_script(std::string(text).c_str());
  } catch (const PgError& e) {
    throw_pg_as_db_error(e);
  }
}

Connection::~Connection() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Statement Connection::prepared(std::string_view sql) {
  if (pg_) {
    auto it = pg_sql_.find(std::string(sql));
    if (it == pg_sql_.end())
      it = pg_sql_.emplace(std::string(sql), std::make_unique<PgSql>(translate_for_postgres(sql))).first;
    return Statement(std::make_unique<PgStatementState>(*this, *it->second));
  }
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
  if (pg_) return exec_postgres(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbError{rc, msg};
  }
}

std::int64_t Connection::changes() const {
  if (pg_) return pg_changes_;
  return sqlite3_changes64(db_); }

std::vector<std::string> Connection::cached_sql() const {
  std::vector<std::string> out;
  for (const auto& [sql, translated] : pg_sql_) out.push_back(sql);
  for (const auto& [sql, st] : cache_) out.push_back(sql);
  return out;
}

}  // namespace enlace::storage
