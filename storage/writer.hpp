// The single writer: one thread owns the only write connection and commits queued jobs in
// groups (one BEGIN IMMEDIATE ... COMMIT, one fsync per batch). A job completes only after
// its batch's COMMIT returned, so no reply ever precedes durability.
#pragma once

#include "core/ports/transactions.hpp"
#include "core/result.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace enlace::storage {

class WriteJob {
 public:
  virtual ~WriteJob() = default;
  // Runs inside the job's SAVEPOINT; false rolls back just this job. Writer thread.
  virtual bool run(WriteTxn& tx) = 0;
  // After the batch, or at once when the queue is full: `failure` is null when the batch
  // committed; otherwise nothing of the job is durable and it says why (storage_error.hpp).
  virtual void complete(const core::Error* failure) = 0;
  // Called when run() threw: the job reports this error (its cause is for the log).
  virtual void fail(const core::Error& error) = 0;
};

// The figures are engine-neutral (core/ports/transactions.hpp): /metrics shows them as they are.
using WriterStats = core::WriterStats;

class Writer {
 public:
  static constexpr std::size_t kMaxBatch = 256;
  // Past this many waiting jobs a new one is refused as busy (503 with Retry-After) rather
  // than queued: under overload the queue, and every reply's wait, would grow without limit.
  // At a batch every few milliseconds this is well under a second of work.
  static constexpr std::size_t kMaxQueued = 20 * kMaxBatch;

  explicit Writer(Connection connection, std::size_t max_queued = kMaxQueued);
  ~Writer();  // drains the queue, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void submit(std::unique_ptr<WriteJob> job);  // any thread
  // Returns once every job submitted so far has completed, its after-commit work included
  // (shutdown: before what that work refers to, such as the live-event hub, goes away).
  void drain();
  const WriterStats& stats() const { return stats_; }

  // Changes after every batch that wrote a row of app_user or session (a sign-in, sign-out,
  // touch, password, role or two-factor change...), before any job of that batch completes.
  // A cache of who a token belongs to is current while this has not moved since the value
  // read before its lookup's snapshot began. Any thread.
  std::uint64_t sign_in_generation() const {
    return sign_in_generation_.load(std::memory_order_acquire);
  }

 private:
  void loop();
  void run_batch(std::deque<std::unique_ptr<WriteJob>>& batch);

  Connection conn_;  // writer thread only
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;  // a batch ended with nothing queued
  std::deque<std::unique_ptr<WriteJob>> queue_;
  bool stopping_ = false;
  bool running_ = false;  // a batch is being run
  WriterStats stats_;
  std::size_t max_queued_;
  WriteTxn::AfterCommit after_commit_;  // writer thread only; the current batch's
  bool sign_in_rows_changed_ = false;  // writer thread only; set by the update hook
  std::atomic<std::uint64_t> sign_in_generation_{0};
  std::thread thread_;
};

}  // namespace enlace::storage
