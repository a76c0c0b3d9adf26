// SQLite and PostgreSQL schemas held in lockstep: a fresh database migrated on each backend has
// the same tables, columns, indexes (on the same columns) and views, and the same seed rows, but
// for the few differences listed below with their reasons. A migration added to one backend only
// fails here, naming what the other lacks.
#include "storage/migrations.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/sql.hpp"
#include "support/pg_test_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace enlace::storage;

namespace {

// What each dialect has that the other does not, on purpose (p019_baseline.cpp says why).
// FTS5 name search; the records each listing page showed, in a full-text index (migration 24).
const std::set<std::string> kSqliteOnlyTables = {"case_name_search", "audit_listing"};
// SQLite: PRAGMA user_version; audit_listing's records, a row each (p024_listing_index.cpp).
const std::set<std::string> kPostgresOnlyTables = {"enlace_schema", "audit_record"};
const std::set<std::string> kPostgresOnlyIndexes = {"case_name_trgm"};  // replaces case_name_search
// Indexes shaped otherwise on purpose: audit_entity hashes entity_id on PostgreSQL, whose btree
// refuses rows over 2,704 bytes (an entity id is whatever a request's URL named).
const std::set<std::string> kShapedOtherwise = {"audit_entity"};
// Every SQLite table has a rowid without declaring it; on PostgreSQL the tables whose rowid the
// repositories read declare one.
const std::set<std::string> kImplicitOnSqlite = {"rowid"};

struct Catalogue {
  std::map<std::string, std::set<std::string>> columns;  // table -> column names
  std::map<std::string, std::string> indexes;            // index -> "table(col,...)[ unique]"
  std::set<std::string> views;
  std::map<std::string, std::int64_t> rows;              // table -> rows after migrating
};

Catalogue sqlite_catalogue(const std::string& path) {
  Catalogue cat;
  auto c = Connection::open(path, {.read_only = true});
  std::vector<std::string> virtual_tables;
  auto tables = c.prepared(
      "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_schema"
      " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
  std::vector<std::string> names;
  while (tables.step()) {
    std::string name = tables.text(0);
    bool shadow = false;  // an FTS5 table's own storage (case_name_search_data, ...)
    for (const auto& v : virtual_tables) shadow = shadow || name.starts_with(v + "_");
    if (shadow) continue;
    if (tables.int64(1) != 0) virtual_tables.push_back(name);
    names.push_back(name);
  }
  for (const auto& t : names) {
    // table_xinfo, not table_info: generated columns (referral.due_at) are listed only there.
    auto cols = c.prepared("SELECT name, hidden FROM pragma_table_xinfo(?1)");
    cols.bind(1, t);
    auto& set = cat.columns[t];
    while (cols.step())
      if (cols.int64(1) != 1) set.insert(cols.text(0));  // hidden 1: an FTS5 table's own column
    // A contentless FTS5 table (audit_listing) cannot be scanned; no migration seeds one.
    if (std::find(virtual_tables.begin(), virtual_tables.end(), t) != virtual_tables.end()) {
      cat.rows[t] = 0;
      continue;
    }
    // Identifiers from sqlite_schema, not input.
    auto count = c.prepared("SELECT count(*) FROM \"" + t + "\"");
    count.step();
    cat.rows[t] = count.int64(0);
  }
  // An expression in an index is "(expr)" on both sides.
  auto idx = c.prepared(R"sql(
      SELECT s.name, s.tbl_name || '(' ||
               (SELECT group_concat(COALESCE(i.name, '(expr)'), ',')
                  FROM (SELECT name FROM pragma_index_info(s.name) ORDER BY seqno) i) || ')' ||
               CASE WHEN s.sql LIKE 'CREATE UNIQUE INDEX%' THEN ' unique' ELSE '' END
        FROM sqlite_schema s WHERE s.type = 'index' AND s.sql IS NOT NULL)sql");
  while (idx.step()) cat.indexes[idx.text(0)] = idx.text(1);
  auto views = c.prepared("SELECT name FROM sqlite_schema WHERE type = 'view'");
  while (views.step()) cat.views.insert(views.text(0));
  return cat;
}

Catalogue postgres_catalogue(const std::string& uri) {
  Catalogue cat;
  auto c = PgConnection::open(uri);
  auto cols = c.query(R"sql(
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE')sql");
  for (int i = 0; i < cols.rows(); ++i) cat.columns[cols.text(i, 0)].insert(cols.text(i, 1));
  for (const auto& [t, _] : cat.columns)
    cat.rows[t] = c.query("SELECT count(*) FROM public.\"" + t + "\"").int64(0, 0);
  // Indexes a statement created; those behind a PRIMARY KEY or UNIQUE constraint are SQLite's
  // sqlite_autoindex_*, which the other side leaves out too.
  auto idx = c.query(R"sql(
      SELECT c.relname, t.relname || '(' ||
               (SELECT string_agg(COALESCE(a.attname, '(expr)'), ',' ORDER BY k.n)
                  FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                                          AND k.attnum <> 0) || ')' ||
               CASE WHEN ix.indisunique THEN ' unique' ELSE '' END
        FROM pg_index ix
        JOIN pg_class c ON c.oid = ix.indexrelid
        JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid))sql");
  for (int i = 0; i < idx.rows(); ++i) cat.indexes[idx.text(i, 0)] = idx.text(i, 1);
  auto views = c.query("SELECT table_name FROM information_schema.views WHERE table_schema = 'public'");
  for (int i = 0; i < views.rows(); ++i) cat.views.insert(views.text(i, 0));
  return cat;
}

// Every SQLite index ends with the rowid without naming it; a PostgreSQL index that pages in
// rowid order names it last (migration 22).
std::string without_trailing_rowid(std::string shape) {
  const std::string tail = ",rowid)";
  if (auto at = shape.rfind(tail); at != std::string::npos && at + tail.size() == shape.size())
    shape.replace(at, tail.size(), ")");
  return shape;
}

template <class Map>
std::set<std::string> keys(const Map& m) {
  std::set<std::string> out;
  for (const auto& [k, _] : m) out.insert(k);
  return out;
}

// Reports every name in `a` missing from `b` (and not in `allowed`), as "<what><name> exists on
// <side> only" (what: "table ", "column referral.", ...).
void expect_subset(const std::set<std::string>& a, const std::set<std::string>& b,
                   const std::set<std::string>& allowed, const std::string& what,
                   const std::string& side) {
  for (const auto& name : a)
    if (!b.contains(name) && !allowed.contains(name))
      ADD_FAILURE() << what << name << " exists on " << side
                    << " only: add it to the other backend's migration of the same number "
                       "(docs/DEVELOPING.md, \"Adding a migration\")";
}

}  // namespace

TEST(SchemaLockstep, BothBackendsKnowTheSameLatestVersion) {
  EXPECT_EQ(latest_schema_version(), latest_pg_schema_version())
      << "SQLite's migrations reach version " << latest_schema_version() << ", PostgreSQL's "
      << latest_pg_schema_version()
      << ": each migration is written for both backends (docs/DEVELOPING.md)";
}

TEST(SchemaLockstep, FreshDatabasesHaveTheSameTablesColumnsIndexesViewsAndSeedRows) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  enlace::test::TempDir dir("enlace-lockstep");
  const std::string lite = dir.file("test.db");
  ASSERT_TRUE(migrate(lite).has_value());
  enlace::test::PgTestDatabase pg;
  auto migrated = migrate_postgres(pg.uri());
  ASSERT_TRUE(migrated.has_value()) << migrated.error().detail;

  auto s = sqlite_catalogue(lite);
  auto p = postgres_catalogue(pg.uri());
  ASSERT_GT(s.columns.size(), 30u);  // the catalogue was read at all

  expect_subset(keys(s.columns), keys(p.columns), kSqliteOnlyTables, "table ", "SQLite");
  expect_subset(keys(p.columns), keys(s.columns), kPostgresOnlyTables, "table ", "PostgreSQL");
  for (const auto& [table, cols] : s.columns) {
    if (!p.columns.contains(table)) continue;
    const auto& other = p.columns.at(table);
    expect_subset(cols, other, {}, "column " + table + ".", "SQLite");
    expect_subset(other, cols, kImplicitOnSqlite, "column " + table + ".", "PostgreSQL");
    EXPECT_EQ(s.rows.at(table), p.rows.at(table)) << "rows of " << table << " after migrating";
  }
  expect_subset(keys(s.indexes), keys(p.indexes), {}, "index ", "SQLite");
  expect_subset(keys(p.indexes), keys(s.indexes), kPostgresOnlyIndexes, "index ", "PostgreSQL");
  for (const auto& [index, shape] : s.indexes) {
    if (p.indexes.contains(index) && !kShapedOtherwise.contains(index)) {
      EXPECT_EQ(shape, without_trailing_rowid(p.indexes.at(index)))
          << "index " << index << ": its table, columns or uniqueness";
    }
  }
  expect_subset(s.views, p.views, {}, "view ", "SQLite");
  expect_subset(p.views, s.views, {}, "view ", "PostgreSQL");
}
