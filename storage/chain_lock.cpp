// See chain_lock.hpp.
#include "storage/chain_lock.hpp"

#include "storage/postgres/pg_audit_log.hpp"

namespace enlace::storage {

void hold_chain_lock(WriteTxn& tx) {
  if (!tx.connection().is_postgres()) return;
  auto lock = tx.prepared("SELECT pg_advisory_xact_lock(?1)");
  lock.bind(1, kAuditChainLock);
  lock.step();
}

}  // namespace enlace::storage
