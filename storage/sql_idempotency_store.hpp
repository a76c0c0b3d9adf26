// The idempotency ports over SQL (core/ports/idempotency_store.hpp): the reader over one read
// snapshot, the store over the write transaction of the write a key protects. Thin: each call
// is an IdempotencyRepository function. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/idempotency_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlIdempotencyReader final : public core::IdempotencyReader {
 public:
  explicit SqlIdempotencyReader(ReadTxn& tx) : tx_(tx) {}
  std::optional<core::KeptReply> kept_reply(const core::IdempotencyScope& scope,
                                            core::Timestamp oldest) override;

 private:
  ReadTxn& tx_;
};

class SqlIdempotencyStore final : public core::IdempotencyStore {
 public:
  explicit SqlIdempotencyStore(WriteTxn& tx) : tx_(tx) {}
  [[nodiscard]] bool keep_reply(const core::IdempotencyScope& scope, const core::KeptReply& reply,
                                core::Timestamp now, core::Timestamp oldest) override;

 private:
  WriteTxn& tx_;
};

}  // namespace enlace::storage
