// The schema on PostgreSQL: a baseline equal to SQLite's schema at version 19, then one
// migration per later SQLite migration, of the same number (docs/DEVELOPING.md). The version
// is the row of the table enlace_schema.
#pragma once

#include "core/result.hpp"
#include "storage/migrations.hpp"

#include <span>
#include <string>
#include <vector>

namespace enlace::storage {

// The extensions the schema needs, created in schema public.
inline constexpr const char* kPgExtensions[] = {"unaccent", "pg_trgm"};

std::span<const Migration> all_pg_migrations();
int latest_pg_schema_version();

// Brings the database `uri` names to the latest version, in one transaction, with the
// extensions created first when they are missing and the role may create them. Refused,
// changing nothing: a database that holds tables but no enlace_schema (not Enlace's), one
// newer than this executable, and missing extensions the role may not create (the detail names
// them and the statements an administrator runs). The detail of every error is one line
// without a password.
core::Result<MigrateOutcome> migrate_postgres(const std::string& uri);

// The same inside the transaction open on `c`, which the caller commits (`enlace migrate`
// creates the schema and copies the rows in one transaction). Throws PgError when the database
// fails; the refusals above are errors returned.
class PgConnection;
core::Result<MigrateOutcome> migrate_postgres_in_transaction(PgConnection& c);

// A relation of the database that neither PostgreSQL nor an extension owns ("schema.name"), or
// "" for a database with none: what init, migrate and restore call empty.
std::string first_foreign_relation(PgConnection& c);

// Creates the kPgExtensions that are missing, each in a savepoint of the transaction open on
// `c`; returns those this role could not create.
std::vector<std::string> create_extensions(PgConnection& c);
// The refusal that names them and the statements an administrator runs in database `db`.
core::Error missing_extensions_error(const std::vector<std::string>& missing, const std::string& db);

// The tables the migrations fill with rows of their own (the categories, the default response
// standards, the webhook cursor). A database that holds rows anywhere else is in use.
inline constexpr const char* kPgSeededTables[] = {"category", "setting", "webhook_cursor"};

}  // namespace enlace::storage
