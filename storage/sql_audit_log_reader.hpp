// The audit log's port over SQL (core/ports/audit_log_reader.hpp), over one read snapshot:
// list_audit_events, verify_audit_chain and read_chain_head. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/audit_log_reader.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlAuditLogReader final : public core::AuditLogReader {
 public:
  explicit SqlAuditLogReader(ReadTxn& tx) : tx_(tx) {}
  core::Result<std::vector<core::AuditRow>> events(const core::Actor& actor,
                                                   const core::AuditFilter& f) override;
  core::ChainReport verify_chain(const std::string& expect_head) override;
  core::ChainHead chain_head() override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
