// A failure reported by PostgreSQL or by libpq, and its place in the one classification of
// storage failures (storage_error.hpp).
#pragma once

#include "core/result.hpp"
#include "storage/storage_error.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace enlace::storage {

// Thrown by the PostgreSQL connection (storage only; repositories turn it into a core::Error
// with storage_error). Holds the server's primary message, never its DETAIL, which can repeat
// the values of a row.
struct PgError : std::runtime_error {
  PgError(std::string sqlstate, std::string message, bool connection_lost = false,
          std::string table = {}, std::string constraint = {});
  std::string sqlstate;    // five characters; 08006 when libpq lost the connection silently
  std::string message;     // the server's (or libpq's) primary message
  bool connection_lost;    // the connection is unusable: reconnect before the next statement
  std::string table;       // the table a constraint failure names, if any
  std::string constraint;  // the constraint's name, if any
};

// SQLSTATE to the classification: 40001 serialization failure and 40P01 deadlock are busy
// (retry); 08xxx (connection), 57P01-57P03 (the server shutting down or starting) and 53100
// (disk full) are unavailable; 53xxx others (too many connections, out of memory) are busy;
// 23505 is unique; other 23xxx are constraints; XX001/XX002 (corrupt data or index) are corrupt.
StorageFailure classify_sqlstate(std::string_view sqlstate, bool connection_lost = false);

core::Error storage_error(const PgError& e);

}  // namespace enlace::storage
