// Database: see database.hpp.
#include "storage/database.hpp"

#include "storage/postgres/pg_uri.hpp"

#include "storage/migrations.hpp"
#include "storage/sql_units.hpp"

#include <stdexcept>

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

namespace {

// The writer's job around a unit job: the unit lives for the job's run, in its SAVEPOINT.
class UnitJobOnWriter final : public WriteJob {
 public:
  explicit UnitJobOnWriter(std::unique_ptr<UnitWriteJob> job) : job_(std::move(job)) {}
  bool run(WriteTxn& tx) override {
    SqlWriteUnit unit(tx);
    return job_->run(unit);
  }
  void complete(const core::Error* failure) override { job_->complete(failure); }
  void fail(const core::Error& error) override { job_->fail(error); }

 private:
  std::unique_ptr<UnitWriteJob> job_;
};

}  // namespace

void Database::submit_write(std::unique_ptr<UnitWriteJob> job) {
  writer_->submit(std::make_unique<UnitJobOnWriter>(std::move(job)));
}

void Database::submit_read(ReadUnitJob job, UnitJobError on_error) {
  reads_->submit(
      [job = std::move(job)](ReadTxn& tx) {
        SqlReadUnit unit(tx);
        job(unit);
      },
      std::move(on_error));
}

void Database::submit_quick_write(WriteUnitJob job, UnitJobError on_error) {
  if (!quick_writes_) throw std::logic_error("quick writes are PostgreSQL's only");
  quick_writes_->submit(
      [job = std::move(job)](WriteTxn& tx) {
        SqlWriteUnit unit(tx);
        job(unit);
      },
      std::move(on_error));
}

std::vector<core::EngineCounter> Database::engine_counters() const {
  return {{"enlace_wal_checkpoints_total", "WAL checkpoints run beside the writer.", "counter",
           checkpoints()}};
}

Database::~Database() {
  quick_writes_.reset();
  reads_.reset();
  writer_.reset();
  checkpointer_.reset();
}

}  // namespace enlace::storage
