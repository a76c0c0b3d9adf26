// Migration runner for PostgreSQL: see pg_migrations.hpp.
#include "storage/postgres/pg_migrations.hpp"

#include "storage/postgres/migrations/list.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

namespace {

// Append only, as storage/migrations.cpp; versions match SQLite's.
std::span<const Migration> table() {
  static const Migration kMigrations[] = {
      {19, "baseline", pg_migrations::kP019Baseline},
      {20, "referral_waiting", pg_migrations::kP020ReferralWaiting},
      {21, "sign_in_failures", pg_migrations::kP021SignInFailures},
      {22, "list_index_rowid", pg_migrations::kP022ListIndexRowid},
      {23, "shared_limits", pg_migrations::kP023SharedLimits},
      {24, "listing_index", pg_migrations::kP024ListingIndex},
  };
  return kMigrations;
}

// Serialises concurrent `init`s of one database: the second waits, then finds it migrated.
constexpr std::int64_t kMigrationLock = 0x656e6c616365'01;  // "enlace" 01

}  // namespace

std::string first_foreign_relation(PgConnection& c) {
  auto r = c.query(R"sql(
      SELECT n.nspname || '.' || c.relname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND d.deptype = 'e')
       ORDER BY 1 LIMIT 1)sql");
  return r.rows() > 0 ? r.text(0, 0) : "";
}

std::vector<std::string> create_extensions(PgConnection& c) {
  std::vector<std::string> missing;
  for (const char* name : kPgExtensions) {
    auto have = c.query("SELECT 1 FROM pg_extension WHERE extname = $1", {name});
    if (have.rows() > 0) continue;
    c.exec_script("SAVEPOINT extension");
    try {
      // An identifier, not a value: the names are this file's constants.
      c.exec_script(("CREATE EXTENSION " + std::string(name) + " SCHEMA public").c_str());
      c.exec_script("RELEASE SAVEPOINT extension");
    } catch (const PgError& e) {
      if (e.connection_lost) throw;
      c.exec_script("ROLLBACK TO SAVEPOINT extension");
      missing.emplace_back(name);
    }
  }
  return missing;
}

namespace {

std::string joined(const std::vector<std::string>& names, const char* sep, const char* before = "",
                   const char* after = "") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : sep) + std::string(before) + n + after;
  return out;
}

}  // namespace

core::Error missing_extensions_error(const std::vector<std::string>& missing, const std::string& db) {
  return core::Error::forbidden(
      "This role may not create the PostgreSQL extensions Enlace needs (" + joined(missing, ", ") +
          "): a database administrator runs, in database " + db + ": " +
          joined(missing, " ", "CREATE EXTENSION ", " SCHEMA public;") + " then run the command again.",
      "postgres-extensions-missing");
}

std::span<const Migration> all_pg_migrations() { return table(); }
int latest_pg_schema_version() { return table().back().version; }

core::Result<MigrateOutcome> migrate_postgres_in_transaction(PgConnection& c) {
  // The database connected to, also when the URI names none (libpq's default is the user's).
  const std::string db = c.query("SELECT current_database()").text(0, 0);
  c.query("SELECT pg_advisory_xact_lock($1)", {kMigrationLock});
  if (c.query("SELECT current_setting('server_version_num')::int >= 150000").text(0, 0) != "t")
    return core::Error::conflict("postgres-too-old", "Enlace needs PostgreSQL 15 or later.");
  int from = 0;
  if (c.query("SELECT to_regclass('enlace_schema') IS NOT NULL").text(0, 0) == "t") {
    auto v = c.query("SELECT version FROM enlace_schema");
    from = v.rows() > 0 ? static_cast<int>(v.int64(0, 0)) : 0;
  } else if (auto other = first_foreign_relation(c); !other.empty()) {
    return core::Error::conflict(
        "not-enlace", "The PostgreSQL database " + db + " holds tables that are not Enlace's (" +
                          other + "): init needs an empty database.");
  }
  if (from > latest_pg_schema_version())
    return core::Error::conflict(
        "schema-too-new", "The database has schema version " + std::to_string(from) +
                              " but this enlace knows only up to " +
                              std::to_string(latest_pg_schema_version()) +
                              ": upgrade enlace before using this database.");
  if (from == latest_pg_schema_version()) return MigrateOutcome{from, from};
  auto missing = create_extensions(c);
  if (!missing.empty()) return missing_extensions_error(missing, db);
  for (const auto& m : table())
    if (m.version > from) c.exec_script(m.sql);
  c.query(R"sql(
      INSERT INTO enlace_schema (version) VALUES ($1)
      ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version)sql",
          {latest_pg_schema_version()});
  return MigrateOutcome{from, latest_pg_schema_version()};
}

core::Result<MigrateOutcome> migrate_postgres(const std::string& uri) {
  try {
    auto c = PgConnection::open(uri);
    PgTransaction tx(c);
    auto outcome = migrate_postgres_in_transaction(c);
    if (outcome) tx.commit();
    return outcome;
  } catch (const PgError& e) {
    auto err = storage_error(e);
    err.detail = e.connection_lost && e.sqlstate == "08001"
                     ? e.message
                     : "Could not migrate the PostgreSQL database: " + e.message;
    return err;
  }
}

}  // namespace enlace::storage
