// A whole deployment copied from its SQLite database into PostgreSQL (`enlace migrate`): every
// table found in the schema, in one PostgreSQL transaction, verified before it commits.
#pragma once

#include "core/result.hpp"
#include "storage/audit_log.hpp"
#include "storage/postgres/pg_uri.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::storage {

struct TableRowCount {
  std::string table;
  std::int64_t sqlite_rows = 0;
  std::int64_t postgres_rows = 0;
};

struct DeploymentCopy {
  PgTarget target;
  std::string database;           // the PostgreSQL database written to
  int schema_version = 0;
  bool schema_created = false;    // the target was empty and got its schema in the same transaction
  std::vector<TableRowCount> tables;  // in the order copied (parents before children)
  ChainHead source_head;          // the SQLite chain's last event, as stored
  ChainReport chain;              // the chain verified on PostgreSQL, before COMMIT
  // What did not match (a table's counts, the chain's head); empty when verified. Anything here
  // means nothing was committed.
  std::vector<std::string> differences;
  bool committed = false;
  bool analyzed = false;  // VACUUM (ANALYZE) ran after COMMIT
};

// Copies the deployment in `sqlite_path` (opened read-only, never changed) into the PostgreSQL
// database `uri`, which must be empty or hold only what `enlace init` puts there: its schema is
// created in the same transaction (the code of `init`). Tables come from SQLite's schema (FTS5
// and SQLite's own tables left out: PostgreSQL's trigram index covers search), each table's
// rows are streamed with COPY in parents-before-children order, identity columns keep their
// values and their sequences continue after the largest. Before COMMIT the row counts of every
// table are compared and the audit chain is verified on PostgreSQL (the verification of
// `enlace audit verify`, links only for keyed events when no key is installed) and must end at
// the SQLite chain's head; any difference rolls everything back (`committed` false).
//
// Refused with an error whose detail is one line without a password, nothing changed: a source
// that is not an Enlace database at this program's schema version, one a running server holds,
// a target that is not Enlace's or already holds a deployment, an unreachable server, and any
// failure while copying (a value or constraint PostgreSQL refuses names the table).
core::Result<DeploymentCopy> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                                     const std::string& uri);

}  // namespace enlace::storage
