// Commands on PostgreSQL: see postgres_commands.hpp.
#include "gateway/postgres_commands.hpp"

#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_uri.hpp"

#include <iostream>

namespace enlace::gateway {

namespace {

// The URI checked as written; prints why not and gives nothing when refused.
std::optional<storage::PgTarget> checked_target(const std::string& uri) {
  auto target = storage::parse_postgres_uri(uri);
  if (target) return *target;
  // Never the URI itself: it may hold the password being refused.
  std::cerr << "enlace: --db " << target.error().fields.items()[0].message << "\n";
  return std::nullopt;
}

}  // namespace

bool names_postgres(const std::string& db) { return storage::is_postgres_uri(db); }

std::optional<int> refuse_bad_postgres_uri(const std::string& db) {
  if (names_postgres(db) && !checked_target(db)) return 2;
  return std::nullopt;
}

int run_init_postgres(const std::string& uri) {
  auto target = checked_target(uri);
  if (!target) return 2;
  auto m = storage::migrate_postgres(uri);
  if (!m) {
    std::cerr << "enlace: " << m.error().detail << "\n";
    return 1;
  }
  std::string name = "PostgreSQL database " + target->dbname + " at " + target->where();
  if (m->from_version == m->to_version)
    std::cout << name << " is at schema version " << m->to_version << "\n";
  else if (m->from_version == 0)
    std::cout << name << " created at schema version " << m->to_version << "\n";
  else
    std::cout << name << " migrated from schema version " << m->from_version << " to "
              << m->to_version << "\n";
  return 0;
}

}  // namespace enlace::gateway
