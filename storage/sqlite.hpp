// Thin RAII wrappers over sqlite3: a connection with a per-connection statement cache, and
// statements that reset themselves when they leave scope. Values reach SQL only through bind.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace enlace::storage {

// Thrown only inside storage (never across the layer): repositories turn it into core::Error.
struct SqliteError {
  int code;
  std::string message;
};

class Statement {
 public:
  Statement(sqlite3_stmt* st, sqlite3* db) : st_(st), db_(db) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : st_(o.st_), db_(o.db_) { o.st_ = nullptr; }
  ~Statement();

  void bind(int i, std::string_view v);
  void bind(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind(int i, std::int64_t v);
  void bind(int i, int v) { bind(i, std::int64_t{v}); }
  void bind(int i, bool v) { bind(i, std::int64_t{v ? 1 : 0}); }
  void bind(int i, double v);
  void bind_null(int i);
  template <class T>
  void bind(int i, const std::optional<T>& v) {
    if (v)
      bind(i, *v);
    else
      bind_null(i);
  }
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
  sqlite3_stmt* st_;
  sqlite3* db_;
};

struct OpenOptions {
  bool read_only = false;
  bool create = false;
};

// One connection; not thread-safe: owned by exactly one thread at a time.
class Connection {
 public:
  static Connection open(const std::string& path, OpenOptions options);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  // A cached statement (SQLITE_PREPARE_PERSISTENT) for SQL known at compile time.
  Statement prepared(std::string_view sql);
  void exec(const char* sql);  // DDL and pragmas only: no user values
  // The SQL of every statement prepared so far (tests check their query plans).
  std::vector<std::string> cached_sql() const;
  std::int64_t changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc);

}  // namespace enlace::storage
