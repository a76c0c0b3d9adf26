// Migration 21 on PostgreSQL: sign-in failures counted across processes (the SQLite twin,
// storage/migrations/m021_sign_in_failures.cpp, says why).
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP021SignInFailures = R"sql(
CREATE TABLE sign_in_failure (
  key_digest text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure(key_digest, at);
CREATE INDEX sign_in_failure_at ON sign_in_failure(at);
)sql";

}  // namespace enlace::storage::pg_migrations
