// An open database: the single writer and the read pool over one SQLite file.
#pragma once

#include "core/result.hpp"
#include "storage/checkpointer.hpp"
#include "storage/connection_pool.hpp"
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
