// What a storage failure means for the client, whichever engine reported it (SQLite's result
// codes and PostgreSQL's SQLSTATEs both map here; storage_error.hpp says what each becomes).
#pragma once

namespace enlace::storage {

enum class StorageFailure {
  busy,         // a lock, a conflicting transaction or a deadlock: momentary, retry (503)
  unavailable,  // disk full or failing, or the database server unreachable: 503 until fixed
  unique,       // a unique key already taken (409)
  constraint,   // any other constraint (422)
  corrupt,      // an integrity check failed (500)
  other,        // anything else (500)
};

}  // namespace enlace::storage
