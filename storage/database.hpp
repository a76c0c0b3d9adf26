// An open database: the single writer and the read pool over one SQLite file.
#pragma once

#include "core/result.hpp"
#include "storage/checkpointer.hpp"
#include "storage/connection_pool.hpp"
#include "storage/unit_jobs.hpp"
#include "storage/writer.hpp"

#include <memory>
#include <string>

namespace enlace::storage {

class Database {
 public:
  // The schema must already be current (storage::migrate); otherwise this refuses.
  static core::Result<std::unique_ptr<Database>> open(const std::string& path, int read_threads);

  Writer& writer() { return *writer_; }
  ReadPool& reads() { return *reads_; }
  // PostgreSQL only (null on SQLite): one writable connection for short writes that must not
  // queue behind the writer's batches or wait for its flush, such as the shared rate buckets
  // (an UNLOGGED table).
  QuickWritePool* quick_writes() { return quick_writes_.get(); }
  const std::string& path() const { return path_; }

  // The work the server hands storage, on units rather than transactions (unit_jobs.hpp): a
  // write job for the writer, a read job for the read pool, and (has_quick_writes() only) a
  // short write for the quick-write pool, whose unit has no after_commit. Any thread.
  void submit_write(std::unique_ptr<UnitWriteJob> job);
  void submit_read(ReadUnitJob job, UnitJobError on_error);
  bool has_quick_writes() const { return quick_writes_ != nullptr; }
  void submit_quick_write(WriteUnitJob job, UnitJobError on_error);

  // WAL checkpoints run so far (SQLite; always 0 on PostgreSQL, which checkpoints itself).
  std::uint64_t checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : 0; }
  bool is_postgres() const { return !checkpointer_; }

  // Stops the reads, then drains and stops the writer (every queued write is committed), then
  // the checkpointer, whose connection closes last and so checkpoints the whole WAL.
  ~Database();

 private:
  Database() = default;
  std::string path_;
  std::unique_ptr<Checkpointer> checkpointer_;  // outlives the writer, whose hook calls it
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReadPool> reads_;
  std::unique_ptr<QuickWritePool> quick_writes_;
};

}  // namespace enlace::storage
