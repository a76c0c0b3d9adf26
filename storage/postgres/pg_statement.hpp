// A repository's statement on PostgreSQL (storage/sql.hpp's Statement holds one of these
// instead of a sqlite3_stmt): the values bound, then the whole result, read row by row. A
// statement runs at its first step() or run(), prepared once per connection.
#pragma once

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_sql_dialect.hpp"
#include "storage/sql.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

class PgStatementState {
 public:
  PgStatementState(Connection& owner, const PgSql& sql);

  // Type: PostgreSQL's OID for the value (0 lets the server infer it from the SQL).
  void bind(int i, std::optional<std::string> value, unsigned type);
  bool step();
  bool is_null(int col) const;
  std::string_view text_view(int col) const;
  std::int64_t int64(int col) const;  // also reads booleans (1/0) and whole numerics
  double real(int col) const;
  std::string blob(int col) const;  // a bytea's bytes

 private:
  void execute();
  Connection& owner_;
  const PgSql& sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned> types_;
  std::optional<PgResult> result_;
  int row_ = -1;
};

// PostgreSQL's text form of bytes for a bytea parameter ("\x" and hex).
std::string pg_bytea_text(std::string_view bytes);

// A PgError as the DbError repositories catch, classified.
[[noreturn]] void throw_pg_as_db_error(const PgError& e);

}  // namespace enlace::storage
