// Where a use case leaves its audit events. Bound to one request (who, from where, when: the
// core::AuditContext) and to the use case's transaction, so that an event commits with the
// change it records, or with the refusal it records when the refusal itself commits
// (core/use_cases/refusal.hpp). The SQLite adapter appends to the hash chain
// (storage/sql_audit_trail.hpp).
#pragma once

#include <string>
#include <vector>

namespace enlace::core {

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;
  // outcome: "ok", or the refusal's word (audit_outcome).
  virtual void record(std::string action, std::string entity_type, std::string entity_id,
                      std::string outcome = "ok") = 0;
  // A page of a list (API.md, Data protection): one event naming every record shown.
  virtual void record_listing(std::string action, std::string entity_type,
                              std::vector<std::string> ids) = 0;
};

}  // namespace enlace::core
