// The commands behind the command line other than `serve`. Each returns the process exit code.
#pragma once

#include "core/audit_event.hpp"
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

// Whether `db` is at this build's schema version; otherwise one line on stderr: the server
// that could not be reached, or to run `enlace init` first.
bool schema_current(const std::string& db);

int run_init(const std::string& db, bool demo);
int run_user_add(const UserAddArgs& args);
int run_backup(const BackupArgs& args);
int run_restore(const RestoreArgs& args);
int run_audit_verify(const AuditVerifyArgs& args);
int run_purge(const PurgeArgs& args);
// The gap report with a coordinator scope (the whole network), as the API would send it.
int run_stats_gaps(const StatsGapsArgs& args);

}  // namespace enlace::gateway
