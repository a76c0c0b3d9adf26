// The adapter of core::DatabaseMaintenance (core/ports/database_maintenance.hpp) and the one
// factory the gateway wires it from at start-up: a file path is SQLite, a postgresql:// URI
// PostgreSQL (sql.hpp), and each operation takes that engine's way (backup.hpp or
// postgres/pg_backup.hpp; migrations.hpp; audit_verify.hpp; audit_chain_keying.hpp;
// retention.hpp).
#pragma once

#include "core/ports/database_maintenance.hpp"

#include <memory>
#include <string>

namespace enlace::storage {

std::unique_ptr<core::DatabaseMaintenance> open_database_maintenance(std::string db);

}  // namespace enlace::storage
