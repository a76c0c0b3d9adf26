// The audit log for the auditor (API.md, Coordination and audit): the filtered list, its CSV
// export and the verification of the chain. Reading the log is itself audited, before the log
// is read (no record, no reading): "audit.read", "audit.export" or "audit.verify" on "audit",
// written in a write of its own (record_audit_access), then the read on a snapshot.
#pragma once

#include "core/ports/audit_log_reader.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/result.hpp"
#include "core/role.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

enum class AuditAccess { read, export_csv, verify };

// The event's action: audit.read, audit.export, audit.verify.
std::string_view audit_access_action(AuditAccess access);

// Only an auditor reads or verifies the log: true, or forbidden saying so.
Result<bool> may_access_audit_log(const Actor& actor, AuditAccess access);

// The access's event, before the read.
void record_audit_access(AuditTrail& audit, AuditAccess access);

// Up to filter.limit + 1 events (the extra one only says "more"), every organisation's.
Result<std::vector<AuditRow>> read_audit_log(AuditLogReader& reader, const Actor& actor,
                                             AuditAccess access, const AuditFilter& filter);

// Recomputes the chain; `expect_head` empty or a head hash the chain must contain.
Result<ChainReport> verify_audit_log(AuditLogReader& reader, const Actor& actor,
                                     const std::string& expect_head);

}  // namespace enlace::core
