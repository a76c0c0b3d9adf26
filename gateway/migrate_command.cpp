// `enlace migrate`: see migrate_command.hpp.
#include "gateway/migrate_command.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace enlace::gateway {

int run_migrate(core::DatabaseMaintenance& source, const MigrateArgs& a) {
  auto copied = source.copy_to_postgres(a.to);
  if (!copied) {
    const auto& e = copied.error();
    if (e.code != core::ErrorCode::invalid || e.fields.empty()) {
      std::cerr << "enlace: " << e.detail << "\n";
      return 1;
    }
    // A name that is not what the option takes (never the URI itself: it may hold the password
    // being refused).
    const auto& f = e.fields.items()[0];
    std::cerr << "enlace: --" << (f.field == "from" ? "from" : "to") << " " << f.message << "\n";
    return 2;
  }
  const auto& c = *copied;
  std::cout << "from " << a.from << " (schema version " << c.schema_version << ") to PostgreSQL database "
            << c.database << " at " << c.where
            << (c.schema_created ? " (schema created)" : "") << "\n";
  std::size_t width = 5;
  for (const auto& t : c.tables) width = std::max(width, t.table.size());
  std::cout << std::left << std::setw(static_cast<int>(width)) << "table" << std::right << std::setw(12)
            << "SQLite" << std::setw(12) << "PostgreSQL" << "\n";
  std::int64_t rows = 0;
  for (const auto& t : c.tables) {
    std::cout << std::left << std::setw(static_cast<int>(width)) << t.table << std::right << std::setw(12)
              << t.source_rows << std::setw(12) << t.copied_rows << "\n";
    rows += t.copied_rows;
  }
  if (!c.committed) {
    for (const auto& d : c.differences) std::cerr << "enlace: " << d << "\n";
    std::cerr << "enlace: the copy does not match its source: nothing was committed\n";
    return 1;
  }
  std::cout << "row counts equal in all " << c.tables.size() << " tables (" << rows << " rows)\n";
  std::cout << "audit chain ok on PostgreSQL: " << c.chain_events << " events, head " << c.chain_head
            << " (the SQLite chain's head)\n";
  if (c.chain_needs_key)
    std::cout << "keyed events were checked for their links to each other only (no "
                 "encryption_key_file given): run `enlace audit verify --db URI` with the key to check "
                 "them in full\n";
  std::cout << "committed to PostgreSQL database " << c.database << "\n";
  if (!c.analyzed)
    std::cerr << "enlace: the copy's statistics were not gathered: run VACUUM (ANALYZE) on "
              << c.database << " before serving it\n";
  return 0;
}

}  // namespace enlace::gateway
