// Migration 21: sign-in failures that several processes sharing one database count together
// (API.md "PostgreSQL": sign-in throttling holds across them). Each process still reserves its
// attempts in flight in memory (gateway/limits.hpp); the failures it settles are written here,
// one row per key, and an attempt is refused when a key holds its maximum here too. A key is a
// SHA-256 digest (hex) of the limiter's key, never the username or address it is made of.
// Rows older than the window are dropped as new ones come. Written only where several
// processes may share the database (PostgreSQL); on SQLite the table stays empty.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM021SignInFailures = R"sql(
CREATE TABLE sign_in_failure (
  key_digest TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failure_key ON sign_in_failure(key_digest, at);
CREATE INDEX sign_in_failure_at ON sign_in_failure(at);
)sql";

}  // namespace enlace::storage::migrations
