// The commands behind the command line other than `serve`. Each returns the process exit code.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/database_maintenance.hpp"
#include "core/time.hpp"
#include "gateway/password_hasher.hpp"

#include <string>
#include <vector>

namespace enlace::gateway {

struct UserAddArgs {
  std::string db, username, organization, display_name;
  std::vector<std::string> roles;
  bool password_stdin = false;
  Argon2Params argon2;  // the deployment's cost (config file < environment), as `serve` uses
};
struct BackupArgs {
  std::string db, to;
};
struct RestoreArgs {
  std::string from, db;
};
struct PurgeArgs {
  std::string db;
  int older_than_days = 1826;
};
struct StatsGapsArgs {
  std::string db, from, to, territory, category, by;
  bool csv = false;
};
struct AuditVerifyArgs {
  std::string db, expect_head;
};

// The context of the events a command appends to the audit log: actor "cli", role "operator".
core::AuditContext cli_context(core::Timestamp now);

// Each command's `maintenance` is the database its arguments name (`db`), wired at start-up
// (cli.cpp, storage/database_maintenance.hpp); the commands only render what it reports.

// Whether `db` is at this build's schema version; otherwise one line on stderr: the server
// that could not be reached, or to run `enlace init` first.
bool schema_current(core::DatabaseMaintenance& maintenance, const std::string& db);

int run_init(core::DatabaseMaintenance& maintenance, const std::string& db, bool demo);
int run_user_add(core::DatabaseMaintenance& maintenance, const UserAddArgs& args);
int run_backup(core::DatabaseMaintenance& maintenance, const BackupArgs& args);
int run_restore(core::DatabaseMaintenance& maintenance, const RestoreArgs& args);
int run_audit_verify(core::DatabaseMaintenance& maintenance, const AuditVerifyArgs& args);
// core::purge_closed_cases in the maintenance's erasure.
int run_purge(core::DatabaseMaintenance& maintenance, const PurgeArgs& args);
// The gap report with a coordinator scope (the whole network), as the API would send it.
int run_stats_gaps(core::DatabaseMaintenance& maintenance, const StatsGapsArgs& args);

}  // namespace enlace::gateway
