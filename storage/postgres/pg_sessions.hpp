// Who else is connected: the commands that must run alone on a PostgreSQL database (`enlace
// rekey`) refuse while another Enlace process is connected to it, as on SQLite they refuse the
// file a server holds (instance_lock.hpp). Several servers may share one PostgreSQL database,
// so no single lock file stands for them: their sessions do (application_name "enlace",
// pg_connection.cpp).
#pragma once

#include <chrono>
#include <cstdint>

namespace enlace::storage {

class PgConnection;

// How many sessions of other Enlace processes are connected to `c`'s database, waiting up to
// `grace` for them to end: the backends of a server that has just stopped end a moment after
// it. Reads a fresh view each time, also inside a transaction.
std::int64_t other_enlace_sessions(PgConnection& c, std::chrono::milliseconds grace);

}  // namespace enlace::storage
