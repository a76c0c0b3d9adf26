// Verifying the audit chain on either backend: see audit_verify.hpp.
#include "storage/audit_verify.hpp"

#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sql.hpp"

namespace enlace::storage {

core::Result<ChainReport> verify_audit_log(const std::string& db, std::string_view expect_head) {
  try {
    if (is_postgres_uri(db)) {
      auto c = PgConnection::open(db);
      return verify_audit_chain(c, expect_head);
    }
    auto c = Connection::open(db, {.read_only = true});
    return verify_audit_chain(c, expect_head);
  } catch (const DbError& e) {
    auto err = storage_error(e);
    err.detail = e.message;
    return err;
  } catch (const PgError& e) {
    auto err = storage_error(e);
    err.detail = e.message;
    return err;
  }
}

}  // namespace enlace::storage
