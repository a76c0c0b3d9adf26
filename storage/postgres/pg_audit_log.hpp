// The hash-chained audit log on PostgreSQL: the same events, links and checks as
// storage/audit_log.hpp, appended by concurrent transactions into one unbroken chain.
#pragma once

#include "core/audit_event.hpp"
#include "storage/audit_log.hpp"

#include <cstdint>
#include <string_view>

namespace enlace::storage {

class PgConnection;

// The advisory lock every appender of the chain takes: "enlace" 02. Live events take it too
// (live_event_repository.cpp), so that their ids commit in the order they were given.
inline constexpr std::int64_t kAuditChainLock = 0x656e6c616365'02;

// Appends inside the transaction open on `c` (READ COMMITTED, PostgreSQL's default), linked with
// `key` as on SQLite. Before it reads the head it takes a transaction-scoped advisory lock, held
// until COMMIT or ROLLBACK, so that concurrent appenders (other connections, other processes)
// take turns: each reads the head the previous one committed, and the chain never forks. (The
// primary key on seq would refuse a fork anyway, as a failed write.) Audited writes therefore
// commit one at a time. Returns the event's seq; throws PgError, and AuditChainKeyError as
// append_audit does.
std::int64_t append_audit(PgConnection& c, const core::AuditEvent& e,
                          const AuditChainKey* key = installed_audit_chain_key());

// verify_audit_chain on PostgreSQL: one REPEATABLE READ snapshot, the rows through a cursor.
ChainReport verify_audit_chain(PgConnection& c, std::string_view expect_head = {},
                               const AuditChainKey* key = installed_audit_chain_key(),
                               ChainCheck check = ChainCheck::full);

// The same verification inside the transaction already open on `c`, which sees its own writes:
// `enlace migrate` checks the chain it copied before it commits.
ChainReport verify_audit_chain_in_transaction(PgConnection& c, std::string_view expect_head,
                                              const AuditChainKey* key, ChainCheck check);

}  // namespace enlace::storage
