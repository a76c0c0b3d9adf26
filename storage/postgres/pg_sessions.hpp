// Who else is connected: a command that must run alone on a PostgreSQL database (`enlace
// rekey`) refuses while an `enlace serve` is connected to it, as on SQLite it refuses the file
// a server holds (instance_lock.hpp). Several servers may share one PostgreSQL database, so no
// single lock file stands for them: their sessions do, named by the application_name every
// connection of a server gives (pg_connection.cpp).
#pragma once

#include <chrono>
#include <cstdint>

namespace enlace::storage {

class PgConnection;

// The application_name of this process's connections: "enlace", or "enlace serve" once
// identify_as_server() was called (by `serve`, before its first connection).
const char* pg_application_name();
void identify_as_server();

// How many sessions of running servers are connected to `c`'s database, waiting up to `grace`
// for them to end: the backends of a server that has just stopped end a moment after it. Reads
// a fresh view each time, also inside a transaction.
std::int64_t server_sessions(PgConnection& c, std::chrono::milliseconds grace);

}  // namespace enlace::storage
