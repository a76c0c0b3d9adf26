// The audit log for the auditor: see audit_log.hpp.
#include "core/use_cases/audit_log.hpp"

namespace enlace::core {

std::string_view audit_access_action(AuditAccess access) {
  switch (access) {
    case AuditAccess::read: return "audit.read";
    case AuditAccess::export_csv: return "audit.export";
    case AuditAccess::verify: return "audit.verify";
  }
  return "audit.read";
}

Result<bool> may_access_audit_log(const Actor& actor, AuditAccess access) {
  if (actor.has(Role::auditor)) return true;
  if (access == AuditAccess::verify)
    return Error::forbidden("Only an auditor verifies the audit log.");
  return Error::forbidden("Only an auditor reads the audit log.");
}

void record_audit_access(AuditTrail& audit, AuditAccess access) {
  audit.record(std::string(audit_access_action(access)), "audit", "");
}

Result<std::vector<AuditRow>> read_audit_log(AuditLogReader& reader, const Actor& actor,
                                             AuditAccess access, const AuditFilter& filter) {
  auto may = may_access_audit_log(actor, access);
  if (!may) return may.error();
  return reader.events(actor, filter);
}

Result<ChainReport> verify_audit_log(AuditLogReader& reader, const Actor& actor,
                                     const std::string& expect_head) {
  auto may = may_access_audit_log(actor, AuditAccess::verify);
  if (!may) return may.error();
  return reader.verify_chain(expect_head);
}

}  // namespace enlace::core
