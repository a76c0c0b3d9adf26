// PostgreSQL failures classified: see pg_error.hpp.
#include "storage/postgres/pg_error.hpp"

namespace enlace::storage {

PgError::PgError(std::string state, std::string msg, bool lost, std::string tbl, std::string cons)
    : std::runtime_error(state + ": " + msg),
      sqlstate(std::move(state)),
      message(std::move(msg)),
      connection_lost(lost),
      table(std::move(tbl)),
      constraint(std::move(cons)) {}

StorageFailure classify_sqlstate(std::string_view s, bool connection_lost) {
  if (connection_lost || s.starts_with("08")) return StorageFailure::unavailable;
  if (s == "40001" || s == "40P01" || s == "55P03") return StorageFailure::busy;  // 55P03: lock_not_available
  if (s == "57P01" || s == "57P02" || s == "57P03") return StorageFailure::unavailable;
  if (s == "53100") return StorageFailure::unavailable;
  if (s.starts_with("53")) return StorageFailure::busy;
  if (s == "23505") return StorageFailure::unique;
  if (s.starts_with("23")) return StorageFailure::constraint;
  if (s == "XX001" || s == "XX002") return StorageFailure::corrupt;
  return StorageFailure::other;
}

core::Error storage_error(const PgError& e) {
  // The cause names the table and constraint; a data exception's message (class 22) can quote
  // the value that failed, so it is left out of the log.
  std::string cause = "postgresql " + e.sqlstate;
  if (!e.table.empty()) cause += " table " + e.table;
  if (!e.constraint.empty()) cause += " constraint " + e.constraint;
  if (e.connection_lost) cause += " (connection lost)";
  if (!e.sqlstate.starts_with("22")) cause += ": " + e.message;
  return storage_error(classify_sqlstate(e.sqlstate, e.connection_lost), std::move(cause));
}

}  // namespace enlace::storage
