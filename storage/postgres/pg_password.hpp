// The PostgreSQL role's password of this process, from db_password_file (API.md "PostgreSQL"):
// installed once at start, before any connection opens, and given to libpq as its `password`
// parameter, never in a URI, an argument or a message.
#pragma once

#include <string>

namespace enlace::storage {

// Replaces the password (empty: none, libpq's PGPASSFILE or ~/.pgpass apply as usual).
void install_pg_password(std::string password);

// The installed password, empty when none.
const std::string& installed_pg_password();

}  // namespace enlace::storage
