// Backup and restore on PostgreSQL: see pg_backup.hpp.
#include "storage/postgres/pg_backup.hpp"

#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_tools.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace enlace::storage {

namespace fs = std::filesystem;

namespace {

core::Error broken(const std::string& where, const ChainReport& chain) {
  return core::Error::conflict("audit-chain-broken", where + ": audit chain broken at event " +
                                                         std::to_string(chain.broken_seq.value_or(0)) + ": " +
                                                         chain.problem);
}

bool sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

core::Error pg_failure(const PgError& e) {
  auto err = storage_error(e);
  err.detail = e.message;
  return err;
}

// pg_restore's table of contents without the schema's own entries (its CREATE SCHEMA and
// comment) when the target has that schema already: public always, or one an administrator made
// for the role.
std::string contents_without_schema(const std::string& toc, const std::string& schema) {
  std::istringstream in(toc);
  std::string out, line;
  while (std::getline(in, line)) {
    // "8; 2615 29342 SCHEMA - enlace OWNER" and "3798; 0 0 COMMENT - SCHEMA public OWNER"
    if (line.find(" SCHEMA - " + schema + " ") != std::string::npos ||
        line.find(" COMMENT - SCHEMA " + schema + " ") != std::string::npos)
      continue;
    out += line + "\n";
  }
  return out;
}

// The schema the dump's tables are in, from its table of contents ("...; 1259 ... TABLE schema
// name owner"); empty when it holds no table.
std::string dumped_schema(const std::string& toc) {
  std::istringstream in(toc);
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find(" TABLE ");
    if (line.starts_with(";") || at == std::string::npos || line.find(" TABLE DATA ") != std::string::npos) continue;
    std::istringstream words(line.substr(at + 7));
    std::string schema;
    words >> schema;
    return schema;
  }
  return "";
}

// The routines and collations of `schema` (none when it does not exist), to tell later which
// ones pg_restore made: an administrator's schema may hold some of its own.
struct SchemaObjects {
  std::string routines, collations;  // their oids, comma-separated
};
SchemaObjects objects_in(PgConnection& c, const std::string& schema) {
  auto r = c.query(R"sql(
      SELECT (SELECT coalesce(string_agg(CAST(oid AS text), ','), '') FROM pg_proc
               WHERE pronamespace = to_regnamespace($1)),
             (SELECT coalesce(string_agg(CAST(oid AS text), ','), '') FROM pg_collation
               WHERE collnamespace = to_regnamespace($1)))sql",
                   {schema});
  return {r.text(0, 0), r.text(0, 1)};
}

// Removes what pg_restore put into a database that held no table (restore_postgres checked):
// the schema when the restore made it, otherwise every relation of it and every routine and
// collation that was not there before, none of them an extension's. One transaction: all or
// nothing.
void drop_restored(PgConnection& c, const std::string& schema, bool schema_existed,
                   const SchemaObjects& before) {
  PgTransaction tx(c);
  std::vector<std::string> drops;
  auto add = [&](const PgResult& r) {
    for (int i = 0; i < r.rows(); ++i) drops.push_back(r.text(i, 0));
  };
  // Identifiers are quoted by PostgreSQL itself (%I, regprocedure), never spliced from text.
  if (!schema_existed) {
    add(c.query("SELECT format('DROP SCHEMA %I CASCADE', CAST($1 AS text))", {schema}));
  } else {
    add(c.query(R"sql(
        SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
                      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                                     ELSE 'TABLE' END,
                      n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
         ORDER BY c.relkind = 'S')sql",  // a column's own sequence goes with its table
                {schema}));
    add(c.query(R"sql(
        SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', CAST(p.oid AS regprocedure))
          FROM pg_proc p
         WHERE p.pronamespace = to_regnamespace($1)
           AND NOT (CAST(p.oid AS text) = ANY (string_to_array($2, ',')))
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
         ORDER BY p.prokind = 'a' DESC)sql",
                {schema, before.routines}));
    add(c.query(R"sql(
        SELECT format('DROP COLLATION IF EXISTS %I.%I', n.nspname, l.collname)
          FROM pg_collation l JOIN pg_namespace n ON n.oid = l.collnamespace
         WHERE n.nspname = $1 AND NOT (CAST(l.oid AS text) = ANY (string_to_array($2, ',')))
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass
                              AND d.objid = l.oid AND d.deptype = 'e'))sql",
                {schema, before.collations}));
  }
  for (const auto& drop : drops) c.exec_script(drop.c_str());
  tx.commit();
}

}  // namespace

core::Result<BackupReport> backup_postgres(const std::string& uri, const std::string& file) {
  if (fs::exists(file)) return core::Error::conflict("backup-exists", file + " exists already: name each backup anew");
  const std::string partial = file + ".partial";
  try {
    auto c = PgConnection::open(uri);
    // The snapshot pg_dump writes is the one verified here: exported, and held open (this
    // transaction) until pg_dump has taken it.
    PgTransaction snapshot(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (c.query("SELECT to_regclass('enlace_schema') IS NULL").text(0, 0) == "t")
      return core::Error::conflict("not-enlace", "The PostgreSQL database " + c.target().dbname +
                                                     " holds no Enlace schema: nothing to back up.");
    const std::string exported = c.query("SELECT pg_export_snapshot()").text(0, 0);
    const std::string schema = c.query("SELECT current_schema()").text(0, 0);
    auto chain = verify_audit_chain_in_transaction(c, {}, installed_audit_chain_key(), ChainCheck::copy);
    if (!chain.ok) return broken("The PostgreSQL database", chain);
    fs::remove(partial);
    auto dumped = run_pg_tool("pg_dump", {"--format=custom", "--no-password", "--snapshot=" + exported,
                                          // Quoted: pg_dump reads --schema as a pattern.
                                          "--schema=\"" + schema + "\"", "--file=" + partial,
                                          "--dbname=" + with_tcp_defaults(uri)});
    if (!dumped) return dumped.error();
    if (dumped->exit_code != 0) {
      fs::remove(partial);
      return core::Error::internal("pg_dump failed (exit " + std::to_string(dumped->exit_code) +
                                   "): nothing was written to " + file);
    }
    if (!sync_path(partial, O_RDONLY)) return core::Error::internal("Could not sync " + partial);
    fs::rename(partial, file);
    sync_path(fs::path(file).parent_path().empty() ? "." : fs::path(file).parent_path().string(),
              O_RDONLY | O_DIRECTORY);
    return backup_report_of(chain);
  } catch (const PgError& e) {
    fs::remove(partial);
    return pg_failure(e);
  } catch (const fs::filesystem_error& e) {
    return core::Error::internal(std::string("Could not write the backup: ") + e.code().message());
  }
}

core::Result<BackupReport> restore_postgres(const std::string& file, const std::string& uri) {
  {
    std::ifstream in(file, std::ios::binary);
    char magic[5] = {};
    if (!in) return core::Error::conflict("backup-unreadable", "Cannot read " + file);
    if (!in.read(magic, 5) || std::string(magic, 5) != "PGDMP")
      return core::Error::conflict("not-a-dump", file + " is not a PostgreSQL backup (pg_dump's custom format, as "
                                                        "`enlace backup --db postgresql://...` writes)");
  }
  try {
    auto toc = run_pg_tool("pg_restore", {"--list", file}, true);
    if (!toc) return toc.error();
    if (toc->exit_code != 0) return core::Error::conflict("not-a-dump", "pg_restore cannot read " + file);
    const std::string schema = dumped_schema(toc->output);
    if (schema.empty()) return core::Error::conflict("not-enlace", file + " holds no table: not an Enlace backup");

    auto c = PgConnection::open(uri);
    const std::string db = c.query("SELECT current_database()").text(0, 0);
    bool schema_exists = false;
    SchemaObjects before;  // what the schema held already
    {
      PgTransaction tx(c);
      if (auto other = first_foreign_relation(c); !other.empty())
        return core::Error::conflict("target-not-empty", "The PostgreSQL database " + db + " holds tables (" + other +
                                                             "): restore needs an empty database.");
      auto missing = create_extensions(c);
      if (!missing.empty()) return missing_extensions_error(missing, db);
      schema_exists = c.query("SELECT to_regnamespace($1) IS NOT NULL", {schema}).text(0, 0) == "t";
      before = objects_in(c, schema);
      tx.commit();
    }
    std::vector<std::string> args = {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                     "--no-password", "--dbname=" + with_tcp_defaults(uri)};
    // The list pg_restore follows, without the schema's own entries when the schema exists.
    std::string list_dir, list_file;
    if (schema_exists) {
      std::string tmpl = (fs::temp_directory_path() / "enlace-restore-XXXXXX").string();
      if (!::mkdtemp(tmpl.data())) return core::Error::internal("Could not make a temporary directory");
      list_dir = tmpl;
      list_file = list_dir + "/contents";
      std::ofstream(list_file) << contents_without_schema(toc->output, schema);
      args.push_back("--use-list=" + list_file);
    }
    args.push_back(file);
    auto restored = run_pg_tool("pg_restore", args);
    if (!list_dir.empty()) fs::remove_all(list_dir);
    if (!restored) return restored.error();
    if (restored->exit_code != 0)
      return core::Error::internal("pg_restore failed (exit " + std::to_string(restored->exit_code) +
                                   "): nothing was restored into " + db);

    // A backup from an older release is brought to this one's schema, as on SQLite. A backup
    // that fails either check is removed again: the database is left empty, as it was, rather
    // than holding a deployment nobody should serve.
    auto refuse = [&](core::Error e) {
      drop_restored(c, schema, schema_exists, before);
      e.detail += "; nothing was restored into " + db;
      return e;
    };
    auto migrated = migrate_postgres(uri);
    if (!migrated) return refuse(migrated.error());
    auto chain = verify_audit_chain(c, {}, installed_audit_chain_key(), ChainCheck::copy);
    if (!chain.ok) return refuse(broken("The backup " + file, chain));
    return backup_report_of(chain);
  } catch (const PgError& e) {
    return pg_failure(e);
  }
}

}  // namespace enlace::storage
