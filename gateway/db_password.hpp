// db_password_file (API.md "PostgreSQL"): the PostgreSQL role's password read from a file at
// start and handed to libpq (storage/postgres/pg_password.hpp), for serve and every command.
#pragma once

#include "gateway/config.hpp"

namespace enlace::gateway {

// Reads the first line of config.db_password_file (nothing to do when unset) and installs it.
// Prints one line naming the setting and the path, never the content, and returns false when
// the file cannot be read or its first line is empty.
bool install_db_password(const ServeConfig& config);

}  // namespace enlace::gateway
