// Where idempotent writes keep their first answer (API.md, "Offline sync: idempotent writes";
// the rules are core/idempotency.hpp, the mechanism gateway/idempotency.hpp). The SQL adapters
// (SQLite and PostgreSQL alike) are storage/sql_idempotency_store.hpp.
#pragma once

#include "core/time.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace enlace::core {

// Whose key, on which endpoint ("POST /api/v1/cases/{the id}"), and the key itself.
struct IdempotencyScope {
  std::string user_id;
  std::string endpoint;
  std::string key;
};

// The first answer, as the client got it.
struct KeptReply {
  std::string body_hash;  // SHA-256 of the request body, to tell a repeat from a reuse
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // those a client relies on
  std::string body;
  bool personal_data = false;
};

// Bound to one read snapshot.
class IdempotencyReader {
 public:
  virtual ~IdempotencyReader() = default;
  // The answer kept for this key, unless it was made before `oldest`.
  virtual std::optional<KeptReply> kept_reply(const IdempotencyScope& scope, Timestamp oldest) = 0;
};

// Bound to the write transaction of the write the key protects (if any).
class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;
  // Keeps the answer, and drops every key made before `oldest`. False, keeping nothing, when
  // the key is already kept (by another process sharing the database whose first request was
  // still running): the caller must then roll its write back.
  [[nodiscard]] virtual bool keep_reply(const IdempotencyScope& scope, const KeptReply& reply,
                                        Timestamp now, Timestamp oldest) = 0;
};

}  // namespace enlace::core
