// An open database: the single writer and the read pool over one SQLite file (or, on
// PostgreSQL, over connections to one database, with the quick-write pool). It is the
// server's core::Transactions (core/ports/transactions.hpp).
#pragma once

#include "core/ports/transactions.hpp"
#include "core/result.hpp"
#include "storage/checkpointer.hpp"
#include "storage/connection_pool.hpp"
#include "storage/unit_jobs.hpp"
#include "storage/writer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace enlace::storage {

class Database final : public core::Transactions {
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
  void submit_write(std::unique_ptr<UnitWriteJob> job) override;
  void submit_read(ReadUnitJob job, UnitJobError on_error) override;
  bool has_quick_writes() const override { return quick_writes_ != nullptr; }
  void submit_quick_write(WriteUnitJob job, UnitJobError on_error) override;

  std::uint64_t sign_in_generation() const override { return writer_->sign_in_generation(); }
  const core::WriterStats& writer_stats() const override { return writer_->stats(); }
  // enlace_wal_checkpoints_total, on PostgreSQL too (always 0 there): dashboards made for
  // SQLite keep their series whichever database the server is on.
  std::vector<core::EngineCounter> engine_counters() const override;

  // WAL checkpoints run so far (SQLite; always 0 on PostgreSQL, which checkpoints itself).
  std::uint64_t checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : 0; }
  bool is_postgres() const { return !checkpointer_; }

  // Stops the reads, then drains and stops the writer (every queued write is committed), then
  // the checkpointer, whose connection closes last and so checkpoints the whole WAL.
  ~Database() override;

 private:
  Database() = default;
  std::string path_;
  std::unique_ptr<Checkpointer> checkpointer_;  // outlives the writer, whose hook calls it
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReadPool> reads_;
  std::unique_ptr<QuickWritePool> quick_writes_;
};

}  // namespace enlace::storage
