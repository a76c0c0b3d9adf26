// One classification of storage failures for every path that meets one: what the client is
// told (busy or unavailable: 503 with Retry-After; a constraint: 409 or 422; corruption and
// the rest: 500) and, for the log beside the request id, the cause (never sent).
#pragma once

#include "core/result.hpp"
#include "storage/sqlite.hpp"

#include <string_view>

namespace enlace::storage {

// What a failure means for the client, whichever engine reported it (SQLite's result codes and
// PostgreSQL's SQLSTATEs both map here).
enum class StorageFailure {
  busy,         // a lock, a conflicting transaction or a deadlock: momentary, retry (503)
  unavailable,  // disk full or failing, or the database server unreachable: 503 until fixed
  unique,       // a unique key already taken (409)
  constraint,   // any other constraint (422)
  corrupt,      // an integrity check failed (500)
  other,        // anything else (500)
};

// The error the client is told for `kind`; `cause` goes to the log only.
core::Error storage_error(StorageFailure kind, std::string cause);

// `code` is SQLite's result code, extended or primary.
core::Error storage_error(int code, std::string_view message);
inline core::Error storage_error(const SqliteError& e) { return storage_error(e.code, e.message); }

}  // namespace enlace::storage
