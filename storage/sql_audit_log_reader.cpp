// The audit log's port over SQL: see sql_audit_log_reader.hpp.
#include "storage/sql_audit_log_reader.hpp"

#include "storage/audit_log.hpp"
#include "storage/audit_query.hpp"

namespace enlace::storage {

core::Result<std::vector<core::AuditRow>> SqlAuditLogReader::events(const core::Actor& actor,
                                                                    const core::AuditFilter& f) {
  return list_audit_events(tx_, actor, f);
}

core::ChainReport SqlAuditLogReader::verify_chain(const std::string& expect_head) {
  return verify_audit_chain(tx_.connection(), expect_head);
}

core::ChainHead SqlAuditLogReader::chain_head() { return read_chain_head(tx_); }

}  // namespace enlace::storage
