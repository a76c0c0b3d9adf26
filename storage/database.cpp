// Database: see database.hpp.
#include "storage/database.hpp"

#include "storage/postgres/pg_uri.hpp"

#include "storage/migrations.hpp"

namespace enlace::storage {

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path, int read_threads) {
  auto version = schema_version(path);
  if (!version) return version.error();
  if (*version != latest_schema_version())
    return core::Error::conflict("schema-mismatch",
                                 "The database has schema version " + std::to_string(*version) +
                                     ", this enlace expects " +
                                     std::to_string(latest_schema_version()) +
                                     ": run `enlace init --db " + std::string(is_postgres_uri(path) ? "URI" : "PATH") +
                                     "` to migrate.");
  try {
    std::unique_ptr<Database> db(new Database());
    db->path_ = path;
    auto writer = Connection::open(path, {.read_only = false});
    if (!writer.is_postgres()) {
      db->checkpointer_ = std::make_unique<Checkpointer>(path);
      db->checkpointer_->attach(writer);
    }
    db->writer_ = std::make_unique<Writer>(std::move(writer));
    db->reads_ = std::make_unique<ReadPool>(path, read_threads);
    if (db->is_postgres()) db->quick_writes_ = std::make_unique<QuickWritePool>(path, 1);
    return db;
  } catch (const DbError& e) {
    return core::Error::internal("Could not open the database: " + e.message);
  }
}

Database::~Database() {
  quick_writes_.reset();
  reads_.reset();
  writer_.reset();
  checkpointer_.reset();
}

}  // namespace enlace::storage
