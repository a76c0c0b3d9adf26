// PostgreSQL's own client programs (pg_dump, pg_restore from postgresql-client-15) run as child
// processes, with the connection's password (db_password_file) passed in a private password
// file named by PGPASSFILE, never on their command line.
#pragma once

#include "core/result.hpp"

#include <string>
#include <vector>

namespace enlace::storage {

struct ToolRun {
  int exit_code = 0;
  std::string output;  // standard output, when captured
};

// Runs `program` (found on PATH) with `args`; its standard error is this process's. Errors:
// the program is not installed (the detail names the Debian package), or could not be run.
core::Result<ToolRun> run_pg_tool(const std::string& program, const std::vector<std::string>& args,
                                  bool capture_output = false);

}  // namespace enlace::storage
