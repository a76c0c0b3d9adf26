// The one way repositories reach a database: a connection with a per-connection statement
// cache, and statements that reset themselves when they leave scope. Values reach SQL only
// through bind. Two engines stand behind it: SQLite (a file path) and PostgreSQL (a
// postgresql:// URI, storage/postgres/pg_statement.hpp). Repositories write SQLite's SQL with
// numbered parameters (?1, ?2); on PostgreSQL it is translated once per statement
// (pg_sql_dialect.hpp) and, where the dialects differ beyond that, a repository asks
// is_postgres() and gives each engine its text.
#pragma once

#include "storage/storage_failure.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace enlace::storage {

// Thrown only inside storage (never across the layer): repositories turn it into core::Error
// (storage_error.hpp). `code` is SQLite's result code; a PostgreSQL failure carries its
// classification instead (code 0).
struct DbError {
  int code;
  std::string message;
  std::optional<StorageFailure> failure = std::nullopt;
};

class PgStatementState;
class PgConnection;
struct PgSql;

class Statement {
 public:
  Statement(sqlite3_stmt* st, sqlite3* db);
  explicit Statement(std::unique_ptr<PgStatementState> pg);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept;
  ~Statement();

  void bind(int i, std::string_view v);
  void bind(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind(int i, std::int64_t v);
  void bind(int i, int v) { bind(i, std::int64_t{v}); }
  void bind(int i, bool v);  // 1 or 0 (PostgreSQL reads it as a boolean or a number)
  void bind(int i, double v);
  void bind_null(int i);
  // A NULL of an optional's type: PostgreSQL must know a parameter's type even where the SQL
  // does not say it (`?2 IS NULL OR status = ?2`).
  template <class T>
  void bind(int i, const std::optional<T>& v) {
    if (v)
      bind(i, *v);
    else if constexpr (std::is_same_v<T, bool>)
      bind_null(i);  // untyped, like a boolean's 1 or 0: the SQL decides condition or number
    else if constexpr (std::is_integral_v<T>)
      bind_null(i, NullOf::integer);
    else if constexpr (std::is_floating_point_v<T>)
      bind_null(i, NullOf::real);
    else
      bind_null(i, NullOf::text);
  }
  enum class NullOf { integer, real, text };
  void bind_null(int i, NullOf type);
  void bind_blob(int i, std::string_view bytes);

  bool step();  // true while a row is available
  void run();   // step to completion, expecting no rows

  bool is_null(int col) const;
  std::string text(int col) const;
  // Valid until the next step() or reset: for hot loops that only compare or copy on demand.
  std::string_view text_view(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::int64_t int64(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;
  double real(int col) const;
  std::string blob(int col) const;

 private:
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
  std::unique_ptr<PgStatementState> pg_;  // set instead of st_ on PostgreSQL
};

struct OpenOptions {
  bool read_only = false;
  bool create = false;
};

// One connection; not thread-safe: owned by exactly one thread at a time.
class Connection {
 public:
  // A SQLite file, or a PostgreSQL database when `path` is a URI (then `create` is ignored and
  // `read_only` makes every transaction read-only).
  static Connection open(const std::string& path, OpenOptions options);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // A cached statement (SQLITE_PREPARE_PERSISTENT) for SQL known at compile time.
  Statement prepared(std::string_view sql);
  // Transaction control, DDL and pragmas only: no user values. On PostgreSQL, BEGIN IMMEDIATE
  // is BEGIN and a PRAGMA does nothing.
  void exec(const char* sql);
  bool is_postgres() const { return !uri_.empty(); }  // kept while the connection is lost
  // So that code written for a transaction (ReadTxn, WriteTxn) also takes a bare connection.
  Connection& connection() { return *this; }
  // PostgreSQL: reconnects when the connection was lost (before a transaction begins); throws
  // DbError when the server is still unreachable. Nothing on SQLite.
  void ensure_open();
  // The SQL of every statement prepared so far (tests check their query plans).
  std::vector<std::string> cached_sql() const;
  std::int64_t changes() const;
  // Sets `*flag` whenever a statement on this connection inserts, updates or deletes a row of
  // app_user or session (the writer's cue that cached sign-ins may be stale). Whichever
  // statement did it: no write path can forget it.
  void watch_sign_in_rows(bool* flag);
  sqlite3* raw() const { return db_; }  // SQLite only (null on PostgreSQL)
  PgConnection* pg() const { return pg_.get(); }

 private:
  explicit Connection(sqlite3* db);
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  void exec_postgres(const char* sql);
  std::unique_ptr<PgConnection> pg_;
  std::unordered_map<std::string, std::unique_ptr<PgSql>> pg_sql_;  // SQLite's text -> PostgreSQL's
  std::string uri_;  // PostgreSQL: to reconnect
  bool read_only_ = false;
  std::int64_t pg_changes_ = 0;  // rows the last PostgreSQL statement changed
  bool* sign_in_rows_changed_ = nullptr;
  friend class PgStatementState;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc);

}  // namespace enlace::storage
