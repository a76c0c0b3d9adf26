// Storage failures classified once: see storage_error.hpp.
#include "storage/storage_error.hpp"

#include <sqlite3.h>

#include <string>

namespace enlace::storage {

core::Error storage_error(StorageFailure kind, std::string cause) {
  core::Error e;
  switch (kind) {
    case StorageFailure::busy:
      e = core::Error::busy();
      break;
    case StorageFailure::unavailable:
      // Nothing is saved until an operator acts (or the server comes back), and the client
      // keeps what it sent.
      e = core::Error::busy();
      e.type = "storage-unavailable";
      e.detail = "The server cannot save data just now; nothing was changed. Retry later.";
      break;
    case StorageFailure::unique:
      e = core::Error::conflict("conflict", "This conflicts with a record already saved.");
      break;
    case StorageFailure::constraint:
      e = core::Error::invalid({}, "The change refers to or breaks something the data does not allow.");
      break;
    case StorageFailure::corrupt:
      e = core::Error::internal("The server's data failed an integrity check; quote the request id.");
      break;
    case StorageFailure::other:
      e = core::Error::internal();
      break;
  }
  e.cause = std::move(cause);
  return e;
}

core::Error storage_error(int code, std::string_view message) {
  StorageFailure kind = StorageFailure::other;
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = StorageFailure::busy;  // another writer or a checkpoint holds the lock
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      kind = StorageFailure::unavailable;  // the disk is full or failing
      break;
    case SQLITE_CONSTRAINT:
      kind = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                 ? StorageFailure::unique
                 : StorageFailure::constraint;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = StorageFailure::corrupt;
      break;
    default:
      break;
  }
  return storage_error(kind, "sqlite " + std::to_string(code) + " (" + sqlite3_errstr(code) +
                                 "): " + std::string(message));
}

}  // namespace enlace::storage
