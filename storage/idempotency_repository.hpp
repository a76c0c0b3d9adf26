// Idempotency keys in SQLite: the first answer to a write sent with an `Idempotency-Key`,
// kept with that write (API.md, "Offline sync: idempotent writes"; migration 11).
#pragma once

#include "core/ports/idempotency_store.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace enlace::storage {

// The kept answer and its key are the port's (core/ports/idempotency_store.hpp).
using IdempotencyScope = core::IdempotencyScope;
using KeptReply = core::KeptReply;

class IdempotencyRepository {
 public:
  // The answer kept for this key, unless it was made before `oldest`.
  static std::optional<KeptReply> find(ReadTxn& tx, const IdempotencyScope& scope,
                                       core::Timestamp oldest);
  // Keeps the answer in the caller's transaction (the one that made the write, if any), and
  // drops every key made before `oldest` (this scope's own expired row included). False, keeping
  // nothing, when the key is already kept: by another process sharing the database whose first
  // request was still running when this one began (on PostgreSQL this waits for that
  // process's transaction to end); the caller must then roll its write back.
  [[nodiscard]] static bool keep(WriteTxn& tx, const IdempotencyScope& scope,
                                 const KeptReply& reply, core::Timestamp now,
                                 core::Timestamp oldest);
};

}  // namespace enlace::storage
