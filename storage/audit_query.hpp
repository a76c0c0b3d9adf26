// Reading the audit log for the auditor: filtered, newest first, paged by seq.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/audit_log_reader.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// core/ports/audit_log_reader.hpp
using AuditFilter = core::AuditFilter;
using AuditRow = core::AuditRow;

// Only an auditor reads the log; every organisation's events, because auditing spans them.
core::Result<std::vector<AuditRow>> list_audit_events(ReadTxn& tx, const core::Actor& actor,
                                                      const AuditFilter& f);

}  // namespace enlace::storage
