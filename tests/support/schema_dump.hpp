// A database's tables and rows as SQL text: the schema fixtures are written with it
// (tests/integration/storage/fixtures/make_schema_fixture.cpp) and the upgrade test compares
// a database before and after migrating with it.
#pragma once

#include "storage/sql.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace enlace::test {

struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  bool is_virtual = false;  // an FTS5 table: its rows are dumped, its shadow tables are not
  // A contentless FTS5 table (content = '', audit_listing): its documents cannot be read back,
  // so it has no rows here and its shadow tables are listed instead (`shadow`), whose rows
  // are the index itself.
  bool contentless = false;
  bool shadow = false;
};

// The tables the application created, in creation order (parents before the tables that
// reference them), without SQLite's own tables and without the shadow tables of FTS5 tables
// that have content.
std::vector<TableShape> application_tables(storage::Connection& c);

// Every row of `table`, restricted to `columns`, each as its SQL literals joined by commas
// (quote(): 'text', 12, NULL, X'..'), in insertion order for rowid tables, key order otherwise.
// A virtual table's rows start with their rowid.
std::vector<std::string> table_rows(storage::Connection& c, const TableShape& table);

// The whole database as one SQL transaction: tables, rows (FTS rows by rowid), then indexes and
// triggers (so loading it fires no trigger), then its PRAGMA user_version.
void write_sql(storage::Connection& c, std::ostream& out);

}  // namespace enlace::test
