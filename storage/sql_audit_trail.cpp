// The audit port over SQLite: see sql_audit_trail.hpp.
#include "storage/sql_audit_trail.hpp"

#include "storage/audit_log.hpp"

namespace enlace::storage {

void SqlAuditTrail::record(std::string action, std::string entity_type,
                              std::string entity_id, std::string outcome) {
  append_audit(tx_, origin_.event(std::move(action), std::move(entity_type),
                                  std::move(entity_id), std::move(outcome)));
}

void SqlAuditTrail::record_listing(std::string action, std::string entity_type,
                                      std::vector<std::string> ids) {
  append_audit_listing(tx_, origin_.event(std::move(action), std::move(entity_type), ""), ids);
}

}  // namespace enlace::storage
