// Storage failures classified once: see storage_error.hpp.
#include "storage/storage_error.hpp"

#include <sqlite3.h>

#include <string>

namespace enlace::storage {

core::Error storage_error(int code, std::string_view message) {
  core::Error e;
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      e = core::Error::busy();  // another writer or a checkpoint holds the lock: momentary
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      // The disk is full or failing: nothing is saved until an operator acts, and the client
      // keeps what it sent.
      e = core::Error::busy();
      e.type = "storage-unavailable";
      e.detail = "The server cannot save data just now; nothing was changed. Retry later.";
      break;
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        e = core::Error::conflict("conflict", "This conflicts with a record already saved.");
      else
        e = core::Error::invalid({}, "The change refers to or breaks something the data does not allow.");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      e = core::Error::internal("The server's data failed an integrity check; quote the request id.");
      break;
    default:
      e = core::Error::internal();
  }
  e.cause = "sqlite " + std::to_string(code) + " (" + sqlite3_errstr(code) + "): " + std::string(message);
  return e;
}

}  // namespace enlace::storage
