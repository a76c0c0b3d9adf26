// Reading the audit log for the auditor: filtered, newest first, paged by seq.
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct AuditFilter {
  std::optional<std::string> actor;         // user id
  std::optional<std::string> organization;  // organisation id
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();  // at >= from_ms
  std::int64_t until_ms = std::numeric_limits<std::int64_t>::max();  // at < until_ms
  std::int64_t before_seq = std::numeric_limits<std::int64_t>::max();  // the cursor
  int limit = 50;                                                      // rows returned: limit + 1
};

struct AuditRow {
  std::int64_t seq = 0;
  core::AuditEvent event;
  std::string prev_hash, hash;
};

// Only an auditor reads the log; every organisation's events, because auditing spans them.
core::Result<std::vector<AuditRow>> list_audit_events(ReadTxn& tx, const core::Actor& actor,
                                                      const AuditFilter& f);

}  // namespace enlace::storage
