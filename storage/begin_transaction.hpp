// Beginning a transaction on a long-lived connection (the writer's, each read-pool thread's).
// PostgreSQL may end a connection while it sits idle (a failover, pg_terminate_backend, an
// idle timeout): nothing has run on it yet, so the transaction begins on a new connection
// instead, and no client is told the database is away when it is back. A connection lost
// after the transaction began is the caller's failure (503): its work is not retried.
#pragma once

#include "storage/sql.hpp"

namespace enlace::storage {

// Runs `begin` ("BEGIN IMMEDIATE", "BEGIN") on `c`, reconnecting first when the connection was
// lost, and once more when `begin` itself finds it lost. Throws DbError when PostgreSQL is
// still unreachable (unavailable: 503).
void begin_transaction(Connection& c, const char* begin);

}  // namespace enlace::storage
