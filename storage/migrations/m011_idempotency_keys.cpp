// Migration 11: idempotency keys of offline sync (API.md, "Offline sync: idempotent writes").
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

// One row per (user, endpoint, key): the SHA-256 of the request body and the first answer,
// written in the same transaction as the write the key protects, so a crash never leaves a
// record without its key or a key without its record. `endpoint` is "METHOD path" (ids only);
// `reply` holds the answer's body and headers, sealed like other personal data (it repeats a
// case or referral). Rows older than 24 hours are purged when a new key is kept
// (storage/idempotency_repository.cpp), by the index on created_at.
extern const char* const kM011IdempotencyKeys = R"sql(
CREATE TABLE idempotency_key (
  user_id TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  reply TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, endpoint, idem_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_key_created ON idempotency_key(created_at);
)sql";

}  // namespace enlace::storage::migrations
