// Beginning a transaction on a connection that may have been lost while idle: see
// begin_transaction.hpp.
#include "storage/begin_transaction.hpp"

#include "storage/postgres/pg_connection.hpp"

namespace enlace::storage {

void begin_transaction(Connection& c, const char* begin) {
  c.ensure_open();  // PostgreSQL: after a lost connection, a new one
  try {
    c.exec(begin);
  } catch (const DbError&) {
    // libpq learns that the server ended an idle connection only when it next uses it.
    const bool lost_while_idle = c.is_postgres() && (!c.pg() || !c.pg()->is_ok());
    if (!lost_while_idle) throw;
    c.ensure_open();
    c.exec(begin);
  }
}

}  // namespace enlace::storage
