// Repositories' SQL as PostgreSQL reads it. The repositories are written once, in the SQL both
// engines share; what differs only in spelling is translated here, once per statement text:
// - parameters: ?N becomes $N and a bare ? the next number;
// - SQLite's planner hints (INDEXED BY name, NOT INDEXED) are dropped: PostgreSQL plans alone.
// Quoted text, quoted identifiers and comments are left as they are. Anything else that
// differs (JSON functions, the full-text search) is written per engine where it is used.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

struct PgSql {
  std::string text;
  int parameters = 0;  // the highest parameter number
  // Whether the SQL names each parameter (1-based at [n - 1]): SQLite lets a statement skip a
  // number; PostgreSQL must still be told the type of one it never sees.
  std::vector<bool> named;
  std::string written_table;  // the table an INSERT, UPDATE or DELETE names; "" otherwise
};

PgSql translate_for_postgres(std::string_view sqlite_sql);

// PostgreSQL's array literal of `items`, {"a","b"}, each escaped: bound as text and read with
// CAST(?N AS text[]), so that one statement takes a list (one round trip, not one per item).
std::string pg_text_array(const std::vector<std::string>& items);

}  // namespace enlace::storage
