// Migration 23: the limits that several processes sharing one database hold together (API.md
// "PostgreSQL"; docs/OPERATIONS.md "Two servers behind a load balancer").
// - limiter_failure generalises migration 21's sign_in_failure to every failure limiter
//   (sign-ins, wrong current passwords, enrolment codes): one row per failure and key. A key is
//   now a keyed digest (storage/limiter_keys.hpp) where sign_in_failure held an unkeyed SHA-256
//   that could be reversed for an address by trying every address; those rows, minutes-long
//   anyway, are dropped rather than carried over.
// - rate_bucket holds each request rate limit's token bucket (core/token_bucket.hpp) under the
//   same digests; processes take tokens from it a second's budget at a time.
// Written only where several processes may share the database (PostgreSQL); on SQLite (one
// process per file) both stay empty and the limits stay in memory.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM023SharedLimits = R"sql(
DROP TABLE sign_in_failure;
CREATE TABLE limiter_failure (
  key_digest TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX limiter_failure_key ON limiter_failure(key_digest, at);
CREATE INDEX limiter_failure_at ON limiter_failure(at);
CREATE TABLE rate_bucket (
  key_digest TEXT NOT NULL PRIMARY KEY,
  tokens REAL NOT NULL,
  at INTEGER NOT NULL,
  taken INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace enlace::storage::migrations
