// A deployment copied from SQLite into PostgreSQL: see sqlite_to_postgres.hpp.
#include "storage/postgres/sqlite_to_postgres.hpp"

#include "core/hex.hpp"
#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_copy_in.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/sql.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace enlace::storage {

namespace {

// Table and column names come from the two schemas, never from a user; quoted all the same.
std::string sql_identifier(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string joined(const std::vector<std::string>& names, const char* sep) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : sep) + n;
  return out;
}

// A failure that ends the copy with one line; nothing is committed.
struct Refusal {
  core::Error error;
};

struct PgColumn {
  std::string name;
  bool bytea = false;
  std::string sequence;  // the identity column's sequence, if any
};

struct TablePlan {
  std::string name;
  std::vector<std::string> columns;  // SQLite's stored columns, all present on PostgreSQL
  std::vector<bool> bytea;           // per column: the PostgreSQL column is bytea
  std::vector<std::pair<std::string, std::string>> sequences;  // column, sequence
};

// A statement of the program's own text on the source, with access to each value's storage
// class (the copy sends exactly what SQLite holds, never a value converted by affinity).
class SourceRows {
 public:
  SourceRows(Connection& c, const std::string& sql) {
    if (sqlite3_prepare_v2(c.raw(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw_sqlite(c.raw(), sqlite3_errcode(c.raw()));
    db_ = c.raw();
  }
  ~SourceRows() { sqlite3_finalize(st_); }
  SourceRows(const SourceRows&) = delete;
  SourceRows& operator=(const SourceRows&) = delete;
  bool step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw_sqlite(db_, rc);
    return false;
  }
  sqlite3_stmt* get() const { return st_; }

 private:
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
};

std::vector<std::string> source_tables(Connection& c) {
  // type 'table' leaves out virtual tables (FTS5's case_name_search) and their shadow tables.
  std::vector<std::string> names;
  auto st = c.prepared(R"sql(
      SELECT name FROM pragma_table_list
       WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
       ORDER BY name)sql");
  while (st.step()) names.push_back(st.text(0));
  return names;
}

std::vector<std::string> source_columns(Connection& c, const std::string& table) {
  // table_info lists the stored columns: generated ones (computed again by PostgreSQL) are not.
  std::vector<std::string> names;
  auto st = c.prepared("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  st.bind(1, table);
  while (st.step()) names.push_back(st.text(0));
  return names;
}

std::int64_t source_count(Connection& c, const std::string& table) {
  SourceRows rows(c, "SELECT count(*) FROM " + sql_identifier(table));
  rows.step();
  return sqlite3_column_int64(rows.get(), 0);
}

// The target's stored columns of `table` in the connection's schema; nothing if there is no
// such table.
std::optional<std::vector<PgColumn>> target_columns(PgConnection& c, const std::string& table) {
  auto r = c.query(R"sql(
      SELECT a.attname, a.atttypid = 'bytea'::regtype,
             coalesce(pg_get_serial_sequence(format('%I.%I', n.nspname, t.relname), a.attname), '')
        FROM pg_class t
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE t.relname = $1 AND n.nspname = current_schema() AND t.relkind IN ('r', 'p')
         AND a.attgenerated = ''
       ORDER BY a.attnum)sql",
                   {table});
  if (r.rows() == 0) return std::nullopt;
  std::vector<PgColumn> cols;
  for (int i = 0; i < r.rows(); ++i) cols.push_back({r.text(i, 0), r.text(i, 1) == "t", r.text(i, 2)});
  return cols;
}

// The tables in an order where every table comes after those its foreign keys reference (the
// target's constraints, which PostgreSQL checks); ties by name. A table may reference itself
// (an organisation's parent): COPY checks those at the end of the statement.
std::vector<std::string> parents_first(PgConnection& c, const std::vector<std::string>& tables) {
  std::set<std::string> pending(tables.begin(), tables.end());
  std::map<std::string, std::set<std::string>> needs;
  auto r = c.query(R"sql(
      SELECT child.relname, parent.relname
        FROM pg_constraint k
        JOIN pg_class child ON child.oid = k.conrelid
        JOIN pg_class parent ON parent.oid = k.confrelid
       WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace)sql");
  for (int i = 0; i < r.rows(); ++i) {
    auto child = r.text(i, 0), parent = r.text(i, 1);
    if (child != parent && pending.count(child) && pending.count(parent)) needs[child].insert(parent);
  }
  std::vector<std::string> order;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const std::string& t) {
      for (const auto& p : needs[t])
        if (pending.count(p)) return false;
      return true;
    });
    if (ready == pending.end())
      throw Refusal{core::Error::conflict(
          "foreign-key-cycle", "The foreign keys of tables " +
                                   joined(std::vector<std::string>(pending.begin(), pending.end()), ", ") +
                                   " form a cycle: no order can copy them.")};
    order.push_back(*ready);
    pending.erase(ready);
  }
  return order;
}

TablePlan plan_table(Connection& src, PgConnection& dst, const std::string& table) {
  auto target = target_columns(dst, table);
  if (!target)
    throw Refusal{core::Error::conflict(
        "schema-differs", "Table " + table +
                              " of the SQLite database has no counterpart in the PostgreSQL "
                              "schema of this enlace: nothing was copied.")};
  TablePlan plan{table, {}, {}, {}};
  for (const auto& col : source_columns(src, table)) {
    auto it = std::find_if(target->begin(), target->end(), [&](const PgColumn& p) { return p.name == col; });
    if (it == target->end())
      throw Refusal{core::Error::conflict(
          "schema-differs", "Column " + table + "." + col +
                                " of the SQLite database has no counterpart in the PostgreSQL "
                                "schema of this enlace: nothing was copied.")};
    plan.columns.push_back(col);
    plan.bytea.push_back(it->bytea);
  }
  // SQLite's implicit rowid, where PostgreSQL declares it (keyset cursors stay valid).
  for (const auto& p : *target)
    if (p.name == "rowid") {
      plan.columns.push_back("rowid");
      plan.bytea.push_back(false);
    }
  for (const auto& p : *target)
    if (!p.sequence.empty()) plan.sequences.emplace_back(p.name, p.sequence);
  return plan;
}

// A value the column cannot take without changing it (a number for bytea, bytes for text).
[[noreturn]] void refuse_value(const TablePlan& t, std::size_t col, const char* what) {
  throw Refusal{core::Error::conflict(
      "value-refused", "Table " + t.name + ", column " + t.columns[col] + ": " + what +
                           " cannot be copied without changing it; nothing was committed.")};
}

// Streams one table's rows; returns how many PostgreSQL stored.
std::int64_t copy_table(Connection& src, PgConnection& dst, const TablePlan& t) {
  std::vector<std::string> src_cols, dst_cols;
  for (const auto& c : t.columns) {
    src_cols.push_back(sql_identifier(c));
    dst_cols.push_back(sql_identifier(c));
  }
  SourceRows rows(src, "SELECT " + joined(src_cols, ", ") + " FROM " + sql_identifier(t.name));
  PgCopyIn copy(dst, "COPY " + sql_identifier(t.name) + " (" + joined(dst_cols, ", ") + ") FROM STDIN");
  sqlite3_stmt* st = rows.get();
  char number[32];
  while (rows.step()) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const int col = static_cast<int>(i);
      switch (sqlite3_column_type(st, col)) {
        case SQLITE_NULL: copy.null_field(); break;
        case SQLITE_INTEGER: {
          if (t.bytea[i]) refuse_value(t, i, "an integer in a bytea column");
          auto end = std::to_chars(number, number + sizeof number, sqlite3_column_int64(st, col)).ptr;
          copy.text_field(std::string_view(number, static_cast<std::size_t>(end - number)));
          break;
        }
        case SQLITE_FLOAT: {
          if (t.bytea[i]) refuse_value(t, i, "a real number in a bytea column");
          // The shortest text that reads back as the same double: nothing is rounded.
          auto end = std::to_chars(number, number + sizeof number, sqlite3_column_double(st, col)).ptr;
          copy.text_field(std::string_view(number, static_cast<std::size_t>(end - number)));
          break;
        }
        case SQLITE_TEXT: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
          std::string_view v(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
          if (t.bytea[i])
            copy.bytea_field(v);
          else
            copy.text_field(v);
          break;
        }
        default: {  // SQLITE_BLOB
          if (!t.bytea[i]) refuse_value(t, i, "bytes in a text or number column");
          const auto* p = static_cast<const char*>(sqlite3_column_blob(st, col));
          copy.bytea_field(std::string_view(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, col))));
        }
      }
    }
    copy.end_row();
  }
  return copy.finish();
}

std::int64_t target_count(PgConnection& c, const std::string& table) {
  return c.query("SELECT count(*) FROM " + sql_identifier(table)).int64(0, 0);
}

// SQLite keeps the records each listing page showed in the full-text index audit_listing
// (migration 24), PostgreSQL in audit_record, a row per record and page: one row per term and
// document of the index, read through fts5vocab (the index is contentless: its documents
// cannot be read back, its postings can). Counts both sides.
TableRowCount copy_listing_records(Connection& src, PgConnection& dst) {
  src.exec("CREATE VIRTUAL TABLE temp.audit_listing_postings"
           " USING fts5vocab(main, audit_listing, 'instance')");
  TableRowCount count{"audit_record", 0, 0};
  SourceRows rows(src, "SELECT term, doc FROM temp.audit_listing_postings");
  PgCopyIn copy(dst, "COPY audit_record (entity_type, entity_id, seq) FROM STDIN");
  sqlite3_stmt* st = rows.get();
  char number[32];
  while (rows.step()) {
    ++count.sqlite_rows;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(st, 0));
    auto record = core::from_hex(std::string_view(p ? p : "", bytes));
    const auto colon = record ? record->find(':') : std::string::npos;
    if (colon == std::string::npos)
      throw Refusal{core::Error::conflict(
          "value-refused", "The index of listing pages (audit_listing) holds a term that is not a "
                           "record's; nothing was committed.")};
    copy.text_field(std::string_view(*record).substr(0, colon));
    copy.text_field(std::string_view(*record).substr(colon + 1));
    auto end = std::to_chars(number, number + sizeof number, sqlite3_column_int64(st, 1)).ptr;
    copy.text_field(std::string_view(number, static_cast<std::size_t>(end - number)));
    copy.end_row();
  }
  copy.finish();
  count.postgres_rows = target_count(dst, "audit_record");
  return count;
}

// A table whose count on PostgreSQL is not the source's: the copy is not reported as done.
// `what` names what was counted on SQLite (rows, or the listing index's records).
void note_difference(DeploymentCopy& out, const TableRowCount& count, const char* what) {
  if (count.postgres_rows == count.sqlite_rows) return;
  out.differences.push_back(count.table + ": " + std::to_string(count.sqlite_rows) + " " + what +
                            " on SQLite, " + std::to_string(count.postgres_rows) + " on PostgreSQL");
}

// A table of the target, other than the schema's version and the tables the migrations seed,
// that holds a row: the target is then a deployment already.
std::string first_table_with_rows(PgConnection& c) {
  auto r = c.query(R"sql(
      SELECT t.relname FROM pg_class t
       WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p')
       ORDER BY t.relname)sql");
  std::set<std::string> seeded(std::begin(kPgSeededTables), std::end(kPgSeededTables));
  seeded.insert("enlace_schema");
  for (int i = 0; i < r.rows(); ++i) {
    auto table = r.text(i, 0);
    if (seeded.count(table)) continue;
    if (c.query("SELECT EXISTS (SELECT 1 FROM " + sql_identifier(table) + ")").text(0, 0) == "t") return table;
  }
  return "";
}

core::Error refused_source(const std::string& path, const std::string& why) {
  return core::Error::conflict("source-refused", path + " " + why);
}

}  // namespace

core::Result<DeploymentCopy> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                                     const std::string& uri) {
  if (latest_schema_version() != latest_pg_schema_version())
    return core::Error::internal("This enlace's PostgreSQL schema (version " +
                                 std::to_string(latest_pg_schema_version()) +
                                 ") and its SQLite schema (version " +
                                 std::to_string(latest_schema_version()) + ") differ: it cannot migrate.");
  std::string current_table;  // named in a failure's message
  try {
    if (!std::filesystem::is_regular_file(sqlite_path))
      return refused_source(sqlite_path, "is not a database file.");
    // A server on the source would go on writing what the copy no longer sees. A lock file that
    // cannot be made (read-only media) means no server can be writing there either.
    auto lock = InstanceLock::acquire(sqlite_path);
    if (!lock && lock.error().code == core::ErrorCode::conflict)
      return refused_source(sqlite_path, "is in use by a running enlace server: stop it first.");

    // Read connections do not map the file (storage/sql.cpp), so a multi-gigabyte database read
    // from end to end stays out of the process's memory.
    auto src = Connection::open(sqlite_path, {.read_only = true});
    // One read transaction: every table is read from the same snapshot.
    src.exec("BEGIN");
    int version = 0;
    {
      auto st = src.prepared("PRAGMA user_version");
      st.step();
      version = static_cast<int>(st.int64(0));
    }
    auto tables = source_tables(src);
    const bool enlace_tables = std::find(tables.begin(), tables.end(), "audit_event") != tables.end();
    if (version == 0 || !enlace_tables)
      return refused_source(sqlite_path, "is not an Enlace database.");
    if (version != latest_schema_version())
      return refused_source(
          sqlite_path,
          "has schema version " + std::to_string(version) + " but this enlace migrates version " +
              std::to_string(latest_schema_version()) +
              (version < latest_schema_version()
                   ? ": back it up, run `enlace init --db " + sqlite_path + "` with this enlace, then migrate."
                   : ": use the enlace that wrote it, or a newer one."));

    DeploymentCopy out;
    out.schema_version = version;
    out.source_head = read_chain_head(src);

    auto dst = PgConnection::open(uri);
    out.target = dst.target();
    out.database = dst.query("SELECT current_database()").text(0, 0);
    dst.exec_script("SET client_encoding = 'UTF8'");
    PgTransaction tx(dst);
    out.schema_created = dst.query("SELECT to_regclass('enlace_schema') IS NULL").text(0, 0) == "t";
    auto schema = migrate_postgres_in_transaction(dst);
    if (!schema) return schema.error();
    if (!out.schema_created) {
      if (auto used = first_table_with_rows(dst); !used.empty())
        return core::Error::conflict(
            "target-in-use", "The PostgreSQL database " + out.database + " at " + out.target.where() +
                                 " already holds an Enlace deployment (table " + used +
                                 " has rows): migrate copies into an empty database only, "
                                 "never into another deployment.");
    }

    std::vector<TablePlan> plans;
    for (const auto& name : parents_first(dst, tables)) plans.push_back(plan_table(src, dst, name));
    // What the migrations seeded gives way to the deployment's own rows.
    for (auto it = plans.rbegin(); it != plans.rend(); ++it)
      dst.query("DELETE FROM " + sql_identifier(it->name));
    for (const auto& plan : plans) {
      current_table = plan.name;
      TableRowCount count{plan.name, source_count(src, plan.name), 0};
      copy_table(src, dst, plan);
      count.postgres_rows = target_count(dst, plan.name);
      note_difference(out, count, "rows");
      for (const auto& [column, sequence] : plan.sequences)
        dst.query("SELECT setval($1::regclass, coalesce((SELECT max(" + sql_identifier(column) + ") FROM " +
                      sql_identifier(plan.name) + "), 0) + 1, false)",
                  {sequence});
      out.tables.push_back(std::move(count));
    }
    // The source is at the current schema (checked above), whose listing records are in
    // audit_listing, not in a table of their own.
    current_table = "audit_record";
    auto records = copy_listing_records(src, dst);
    note_difference(out, records, "records");
    out.tables.push_back(std::move(records));
    current_table.clear();

    // The copied chain must verify as it stands and end where the source's ends. Keyed links
    // are checked in full only with the key (the copy itself never needs it).
    out.chain = verify_audit_chain_in_transaction(
        dst, out.source_head.events > 0 ? std::string_view(out.source_head.head) : std::string_view(),
        installed_audit_chain_key(), ChainCheck::copy);
    if (!out.chain.ok)
      out.differences.push_back("the audit chain copied to PostgreSQL is broken at event " +
                                std::to_string(out.chain.broken_seq.value_or(0)) + ": " + out.chain.problem);
    else if (out.chain.events != out.source_head.events || out.chain.head != out.source_head.head)
      out.differences.push_back("the audit chain on PostgreSQL ends at event " + std::to_string(out.chain.events) +
                                ", head " + out.chain.head + "; on SQLite at event " +
                                std::to_string(out.source_head.events) + ", head " + out.source_head.head);
    if (!out.differences.empty()) return out;  // rolled back as tx leaves scope
    tx.commit();
    out.committed = true;
    // Tables filled by COPY have no statistics and no visibility map until autovacuum comes
    // round (it had not after minutes at 100,000 cases): the first plans guess, and index-only
    // scans read the heap. As after pg_restore, gather them now; the copy stands either way.
    try {
      dst.exec_script("VACUUM (ANALYZE)");
      out.analyzed = true;
    } catch (const PgError&) {
    }
    return out;
  } catch (const Refusal& r) {
    return r.error;
  } catch (const DbError& e) {
    return core::Error::internal("Could not read " + sqlite_path + ": " + e.message);
  } catch (const PgError& e) {
    auto err = storage_error(e);
    if (e.connection_lost && e.sqlstate == "08001") {
      err.detail = e.message;
    } else {
      // A data exception's message can quote the value it refused: only its code is shown.
      std::string why = e.sqlstate.starts_with("22") ? "PostgreSQL refused a value (SQLSTATE " + e.sqlstate + ")"
                                                     : e.message;
      err.detail = (current_table.empty() ? std::string("Migration failed: ")
                                          : "Copying table " + current_table + " failed: ") +
                   why + "; nothing was committed.";
    }
    return err;
  } catch (const AuditChainKeyError& e) {
    return core::Error::internal(std::string("Migration failed: ") + e.what() + "; nothing was committed.");
  }
}

}  // namespace enlace::storage
