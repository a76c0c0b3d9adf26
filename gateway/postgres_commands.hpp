// The command line on a PostgreSQL database (`--db postgresql://...`, API.md "PostgreSQL"): a
// URI is checked as written before any command runs, and `init` creates the schema; every other
// command runs through storage/ on either backend (`migrate` has its own file).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace enlace::gateway {

// Whether `db` is a PostgreSQL URI rather than a file name.
bool names_postgres(const std::string& db);

// 2 after one line on stderr when `db` is a PostgreSQL URI refused as written (a password in
// it); nothing otherwise.
std::optional<int> refuse_bad_postgres_uri(const std::string& db);

// `enlace init --db postgresql://...`: creates or migrates the schema (idempotent). Exit 0, or 1
// after one line (unreachable server naming host and port, a database that is not Enlace's,
// extensions an administrator must create); 2 for a URI with a password.
// (`init --demo` takes the common path: migrate, then the demo network through the repositories.)
int run_init_postgres(const std::string& uri);

}  // namespace enlace::gateway
