// The idempotency ports over SQL: see sql_idempotency_store.hpp.
#include "storage/sql_idempotency_store.hpp"

#include "storage/idempotency_repository.hpp"

namespace enlace::storage {

std::optional<core::KeptReply> SqlIdempotencyReader::kept_reply(
    const core::IdempotencyScope& scope, core::Timestamp oldest) {
  return IdempotencyRepository::find(tx_, scope, oldest);
}

bool SqlIdempotencyStore::keep_reply(const core::IdempotencyScope& scope,
                                     const core::KeptReply& reply, core::Timestamp now,
                                     core::Timestamp oldest) {
  return IdempotencyRepository::keep(tx_, scope, reply, now, oldest);
}

}  // namespace enlace::storage
