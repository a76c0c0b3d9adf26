// Test fixtures written straight into the server's database (a SQLite file or a PostgreSQL URI):
// territories and organisations before the directory API exists in a test's path, and
// read-only queries of the audit log.
// The server needs no telling: it reads these rows from the database like any others.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace enlace::test {

void insert_territory(const std::string& db_path, const std::string& id, const std::string& name,
                      const std::string& level = "municipality",
                      const std::string& parent_id = "");
void insert_organization(const std::string& db_path, const std::string& id,
                         const std::string& name, const std::string& territory_id,
                         const std::string& kind = "help_desk");

// A service listing as the directory stores it; territory_ids are the areas it covers.
struct ServiceFixture {
  std::string id, organization_id, category;
  std::vector<std::string> territory_ids;
  std::string status = "active";
  bool accepting = true;
  std::optional<long long> expected_wait_days = std::nullopt;
  std::string name = "Service";
};
void insert_service(const std::string& db_path, const ServiceFixture& s);

// Inserts `copies` referrals identical to referral `id` (same case, organisations, state and
// deadline) with ids "<prefix>-1".."<prefix>-<copies>": a large backlog without the HTTP cost.
void copy_referral(const std::string& db_path, const std::string& id, int copies,
                   const std::string& prefix);

// Audit events matching every non-empty argument (read-only connection).
int count_audit(const std::string& db_path, const std::string& action,
                const std::string& entity_id = "", const std::string& outcome = "");

// A single integer from a read-only query with no parameters (e.g. "SELECT COUNT(*) FROM x").
long long query_int(const std::string& db_path, const std::string& sql);

// Runs SQL on its own connection, as another process sharing the database would.
void exec_sql(const std::string& db_path, const std::string& sql);

// Every row of the database, or of one table, as the SQL text a dump tool writes (literals in
// single quotes): what someone holding the database or a dump of it can read. SQLite: sqlite3's
// .dump; PostgreSQL (a URI): pg_dump --data-only --inserts.
std::string dump_database(const std::string& db_path, const std::string& table = "");

}  // namespace enlace::test
