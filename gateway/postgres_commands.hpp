// The command line on a PostgreSQL database (`--db postgresql://...`, API.md "PostgreSQL"):
// `init` creates the schema (`audit verify`, `backup` and `restore` run through storage/ on
// either backend, `migrate` has its own file); every other command says plainly that this build
// cannot run it on PostgreSQL yet, instead of taking the URI for a file name.
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

// For a command given `db`: nothing when db is a file (the command runs as before); otherwise
// the exit code after one line on stderr: 2 for a URI refused as written (a password in it),
// 1 for a command not available on PostgreSQL in this build.
std::optional<int> refuse_postgres(const std::string& db, std::string_view command);

// `enlace init --db postgresql://...`: creates or migrates the schema (idempotent). Exit 0, or 1
// after one line (unreachable server naming host and port, a database that is not Enlace's,
// extensions an administrator must create); 2 for a URI with a password.
int run_init_postgres(const std::string& uri, bool demo);

}  // namespace enlace::gateway
