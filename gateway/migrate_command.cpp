// `enlace migrate`: see migrate_command.hpp.
#include "gateway/migrate_command.hpp"

#include "storage/postgres/pg_uri.hpp"
#include "storage/postgres/sqlite_to_postgres.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace enlace::gateway {

int run_migrate(const MigrateArgs& a) {
  if (storage::is_postgres_uri(a.from)) {
    std::cerr << "enlace: --from must be the SQLite database file of the deployment to move\n";
    return 2;
  }
  if (!storage::is_postgres_uri(a.to)) {
    std::cerr << "enlace: --to must be a PostgreSQL URI (postgresql://user@host:port/dbname)\n";
    return 2;
  }
  if (auto target = storage::parse_postgres_uri(a.to); !target) {
    // Never the URI itself: it may hold the password being refused.
    std::cerr << "enlace: --to " << target.error().fields.items()[0].message << "\n";
    return 2;
  }
  auto copied = storage::copy_sqlite_to_postgres(a.from, a.to);
  if (!copied) {
    std::cerr << "enlace: " << copied.error().detail << "\n";
    return 1;
  }
  const auto& c = *copied;
  std::cout << "from " << a.from << " (schema version " << c.schema_version << ") to PostgreSQL database "
            << c.database << " at " << c.target.where()
            << (c.schema_created ? " (schema created)" : "") << "\n";
  std::size_t width = 5;
  for (const auto& t : c.tables) width = std::max(width, t.table.size());
  std::cout << std::left << std::setw(static_cast<int>(width)) << "table" << std::right << std::setw(12)
            << "SQLite" << std::setw(12) << "PostgreSQL" << "\n";
  std::int64_t rows = 0;
  for (const auto& t : c.tables) {
    std::cout << std::left << std::setw(static_cast<int>(width)) << t.table << std::right << std::setw(12)
              << t.sqlite_rows << std::setw(12) << t.postgres_rows << "\n";
    rows += t.postgres_rows;
  }
  if (!c.committed) {
    for (const auto& d : c.differences) std::cerr << "enlace: " << d << "\n";
    std::cerr << "enlace: the copy does not match its source: nothing was committed\n";
    return 1;
  }
  std::cout << "row counts equal in all " << c.tables.size() << " tables (" << rows << " rows)\n";
  std::cout << "audit chain ok on PostgreSQL: " << c.chain.events << " events, head " << c.chain.head
            << " (the SQLite chain's head)\n";
  if (c.chain.needs_key)
    std::cout << "keyed events were checked for their links to each other only (no "
                 "encryption_key_file given): run `enlace audit verify --db URI` with the key to check "
                 "them in full\n";
  std::cout << "committed to PostgreSQL database " << c.database << "\n";
  return 0;
}

}  // namespace enlace::gateway
