// One classification of storage failures for every path that meets one: what the client is
// told (busy or unavailable: 503 with Retry-After; a constraint: 409 or 422; corruption and
// the rest: 500) and, for the log beside the request id, the cause (never sent).
#pragma once

#include "core/result.hpp"
#include "storage/sql.hpp"

#include <string_view>

namespace enlace::storage {


// The error the client is told for `kind`; `cause` goes to the log only.
core::Error storage_error(StorageFailure kind, std::string cause);

// `code` is SQLite's result code, extended or primary.
core::Error storage_error(int code, std::string_view message);
inline core::Error storage_error(const DbError& e) {
  return e.failure ? storage_error(*e.failure, e.message) : storage_error(e.code, e.message);
}

}  // namespace enlace::storage
