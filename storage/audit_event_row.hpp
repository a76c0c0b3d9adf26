// Reading an audit event out of a result row, for the queries that return whole events (the
// audit listing, the chain's re-linking at rekey).
#pragma once

#include "core/audit_event.hpp"
#include "storage/sql.hpp"

namespace enlace::storage {

// The event in columns col..col+9 of a row: at, actor_user, organization, role, action,
// entity_type, entity_id, outcome, address, request_id (the table's order).
core::AuditEvent read_audit_event(const Statement& st, int col);

}  // namespace enlace::storage
