// One libpq connection to PostgreSQL, its results and its transactions. Values reach SQL only
// as parameters ($1, $2, ...); SQL text is the program's own.
#pragma once

#include "storage/postgres/pg_error.hpp"
#include "storage/postgres/pg_uri.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace enlace::storage {

// A parameter's value in PostgreSQL's text form, or NULL.
struct PgValue {
  std::optional<std::string> text;
  PgValue(std::nullopt_t) {}
  PgValue(std::string s) : text(std::move(s)) {}
  PgValue(std::string_view s) : text(std::string(s)) {}
  PgValue(const char* s) : text(std::string(s)) {}
  PgValue(int v) : text(std::to_string(v)) {}
  PgValue(std::int64_t v) : text(std::to_string(v)) {}
  PgValue(bool v) : text(v ? "true" : "false") {}
};
using PgParams = std::vector<PgValue>;

// A statement's result (text format). Owns the PGresult.
class PgResult {
 public:
  explicit PgResult(pg_result* r) : r_(r) {}
  ~PgResult();
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  int columns() const;
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;  // "" for NULL
  std::string_view text_view(int row, int col) const;  // valid while the result lives
  std::int64_t int64(int row, int col) const;
  std::optional<std::string> optional_text(int row, int col) const;
  std::int64_t affected() const;  // rows changed by INSERT/UPDATE/DELETE

 private:
  pg_result* r_;
};

// One connection (one thread at a time). Closed on destruction.
class PgConnection {
 public:
  // Connects with `uri` (a password in it is refused: pg_uri.hpp). Waits at most 10 s unless
  // the URI sets connect_timeout. Throws PgError (08001) with one line that names host, port
  // and database, never a password.
  static PgConnection open(const std::string& uri);
  ~PgConnection();
  PgConnection(PgConnection&& o) noexcept;
  PgConnection& operator=(PgConnection&&) = delete;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with its parameters (PQexecParams). Throws PgError.
  PgResult query(std::string_view sql, const PgParams& params = {});
  // The same through a statement prepared once per connection (PQprepare), for statements run
  // often.
  PgResult prepared(std::string_view sql, const PgParams& params = {});
  // The same with each parameter's type OID given (0: inferred) and its value (null: NULL); a
  // statement is prepared once per text and types.
  PgResult prepared_typed(const std::string& sql, const std::vector<unsigned>& types,
                          const std::vector<const char*>& values);
  // Runs several statements of the program's own text (schema scripts); takes no values.
  void exec_script(const char* sql);

  const PgTarget& target() const { return target_; }
  int backend_pid() const;
  bool is_ok() const;  // false once the connection is lost

  // For a connection that LISTENs: its socket, to wait on until the server sends something,
  // and the channels of the notifications received so far, in the order sent (reads what the
  // socket holds without blocking). Throws PgError (connection lost) when the socket closed.
  int socket() const;
  std::vector<std::string> take_notifications();

 private:
  friend class PgCopyIn;  // streams COPY data over c_ (pg_copy_in.hpp)
  PgConnection(pg_conn* c, PgTarget t) : c_(c), target_(std::move(t)) {}
  PgResult check(pg_result* r);
  pg_conn* c_;
  PgTarget target_;
  std::unordered_map<std::string, std::string> statements_;  // SQL text -> prepared name
};

// A transaction on one connection: BEGIN on construction (with `begin`, e.g. "BEGIN ISOLATION
// LEVEL SERIALIZABLE"), ROLLBACK on destruction unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& c, const char* begin = "BEGIN");
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& c_;
  bool open_ = true;
};

}  // namespace enlace::storage
