// The audit chain of a database verified, whichever backend `db` names: a SQLite file (opened
// read-only) or a PostgreSQL URI (one snapshot). For `enlace audit verify`.
#pragma once

#include "core/result.hpp"
#include "storage/audit_log.hpp"

#include <string>
#include <string_view>

namespace enlace::storage {

// The report (ok or broken), or an error whose detail is one line (the database could not be
// opened or read) without a password.
core::Result<ChainReport> verify_audit_log(const std::string& db, std::string_view expect_head);

}  // namespace enlace::storage
