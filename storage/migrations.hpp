// Numbered schema migrations. The schema version is PRAGMA user_version.
#pragma once

#include "core/result.hpp"

#include <span>
#include <string>

namespace enlace::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> all_migrations();
int latest_schema_version();

struct MigrateOutcome {
  int from_version;
  int to_version;
};

// Creates the file if needed and applies every pending migration in one transaction.
// A database newer than this executable is refused (conflict), untouched.
core::Result<MigrateOutcome> migrate(const std::string& path);

// The version of an existing database without changing it.
core::Result<int> schema_version(const std::string& path);

}  // namespace enlace::storage
