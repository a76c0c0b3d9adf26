// PostgreSQL's migration 23, the twin of storage/migrations/m023_shared_limits.cpp (which says
// why). rate_bucket is UNLOGGED: a take writes no WAL and its commit waits for no flush, and a
// crash of the database server empties it, which only refills every bucket (a minute's budget,
// what a bucket unused for a minute holds anyway). Replicas do not get it; they serve no requests.
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP023SharedLimits = R"sql(
DROP TABLE sign_in_failure;
CREATE TABLE limiter_failure (
  key_digest text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX limiter_failure_key ON limiter_failure(key_digest, at);
CREATE INDEX limiter_failure_at ON limiter_failure(at);
CREATE UNLOGGED TABLE rate_bucket (
  key_digest text NOT NULL PRIMARY KEY,
  tokens double precision NOT NULL,
  at bigint NOT NULL,
  taken bigint NOT NULL
);
)sql";

}  // namespace enlace::storage::pg_migrations
