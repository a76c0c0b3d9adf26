// Test fixtures written straight into the server's SQLite file: territories and organisations
// before the directory API exists in a test's path, and read-only queries of the audit log.
// The server needs no telling: it reads these rows from the database like any others.
#pragma once

#include <string>

namespace enlace::test {

void insert_territory(const std::string& db_path, const std::string& id, const std::string& name,
                      const std::string& level = "municipality");
void insert_organization(const std::string& db_path, const std::string& id,
                         const std::string& name, const std::string& territory_id,
                         const std::string& kind = "help_desk");

// Audit events matching every non-empty argument (read-only connection).
int count_audit(const std::string& db_path, const std::string& action,
                const std::string& entity_id = "", const std::string& outcome = "");

// A single integer from a read-only query with no parameters (e.g. "SELECT COUNT(*) FROM x").
long long query_int(const std::string& db_path, const std::string& sql);

}  // namespace enlace::test
