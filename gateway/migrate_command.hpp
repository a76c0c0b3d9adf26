// `enlace migrate --from SQLITE_PATH --to POSTGRESQL_URI` (API.md "PostgreSQL"): a deployment
// moved to PostgreSQL, verified before it exits 0.
#pragma once

#include "core/ports/database_maintenance.hpp"

#include <string>

namespace enlace::gateway {

struct MigrateArgs {
  std::string from, to;
};

// `source`: the maintenance of args.from. Prints the row counts of every table on both sides and the audit chain's verification; exit
// 0 once committed, 1 after one line saying why nothing was committed (the differences, a
// refused source or target, an unreachable server), 2 for a bad flag value (a --to that is not a
// PostgreSQL URI or carries a password, a --from that is one).
int run_migrate(core::DatabaseMaintenance& source, const MigrateArgs& args);

}  // namespace enlace::gateway
