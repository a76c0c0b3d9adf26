// The port through which the server hands storage its work, on units of work
// (units_of_work.hpp) rather than transactions: a write job for the single writer, run inside
// its group commit; a read job for the read pool; and, where the database has one, a short
// write for the quick-write pool. Also what the server reads of the database object at
// request time: the sign-in generation and the writer's figures. Storage implements it
// (storage/database.hpp); the gateway names only this, and storage only where it wires it at
// start-up. Group commit, savepoints, after-commit order, error classification and the
// bounded queue are the implementation's own: this says only what a job sees of them.
#pragma once

#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace enlace::core {

// A job for the single writer.
class UnitWriteJob {
 public:
  virtual ~UnitWriteJob() = default;
  // Runs inside the job's own savepoint of the group transaction; false rolls back just this
  // job. Writer thread.
  virtual bool run(WriteUnit& unit) = 0;
  // After the batch, or at once when the queue is full: `failure` is null when the batch
  // committed; otherwise nothing of the job is durable and it says why.
  virtual void complete(const Error* failure) = 0;
  // Called when run() threw: the job reports this error (its cause is for the log).
  virtual void fail(const Error& error) = 0;
};

// A pool's job: runs inside its own transaction and must catch nothing (a storage failure
// becomes the `on_error` call instead).
using ReadUnitJob = std::function<void(ReadUnit&)>;
using WriteUnitJob = std::function<void(WriteUnit&)>;
using UnitJobError = std::function<void(const Error& error)>;

// The single writer's figures since start-up, as /metrics shows them. Updated by the writer,
// read from any thread.
struct WriterStats {
  static constexpr std::array<std::uint64_t, 8> kBatchBounds = {1, 2, 4, 8, 16, 32, 64, 128};
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> jobs{0};
  std::atomic<std::uint64_t> commit_failures{0};
  std::atomic<std::uint64_t> queue_depth{0};
  std::atomic<std::uint64_t> rejected{0};  // refused because the queue was full
  std::array<std::atomic<std::uint64_t>, kBatchBounds.size() + 1> batch_buckets{};
  std::atomic<std::uint64_t> batch_sum{0};
};

// A figure only one database engine has, named and explained by the storage that has it, so
// that the server renders it without knowing what it means (Prometheus text: one line each).
struct EngineCounter {
  std::string name;  // the metric's name, e.g. enlace_..._total
  std::string help;
  std::string type;  // "counter" or "gauge"
  std::uint64_t value = 0;
};

class Transactions {
 public:
  virtual ~Transactions() = default;

  // The work, from any thread.
  virtual void submit_write(std::unique_ptr<UnitWriteJob> job) = 0;
  virtual void submit_read(ReadUnitJob job, UnitJobError on_error) = 0;
  // Whether submit_quick_write may be called: a quick write commits on its own, never queues
  // behind the writer's batches, and its unit has no after_commit.
  virtual bool has_quick_writes() const = 0;
  virtual void submit_quick_write(WriteUnitJob job, UnitJobError on_error) = 0;

  // Changes after every write batch that changed a staff account or a session, before any
  // job of that batch completes: a cache of who a token belongs to is current while this has
  // not moved since the value read before its lookup's read began. Any thread.
  virtual std::uint64_t sign_in_generation() const = 0;
  virtual const WriterStats& writer_stats() const = 0;
  // The engine's own figures, in the order they are to be shown.
  virtual std::vector<EngineCounter> engine_counters() const = 0;
};

}  // namespace enlace::core
