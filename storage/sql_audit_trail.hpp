// The use cases' audit port over one SQLite write transaction (core/ports/audit_trail.hpp):
// appends to the audit hash chain in the same transaction as the change, as the request
// `origin` says (who, from where, when).
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/audit_trail.hpp"
#include "storage/txn.hpp"

#include <string>
#include <utility>
#include <vector>

namespace enlace::storage {

class SqlAuditTrail final : public core::AuditTrail {
 public:
  SqlAuditTrail(WriteTxn& tx, core::AuditContext origin)
      : tx_(tx), origin_(std::move(origin)) {}
  void record(std::string action, std::string entity_type, std::string entity_id,
              std::string outcome) override;
  void record_listing(std::string action, std::string entity_type,
                      std::vector<std::string> ids) override;

 private:
  WriteTxn& tx_;
  core::AuditContext origin_;
};

}  // namespace enlace::storage
