// Group-commit writer: see writer.hpp.
#include "storage/writer.hpp"

#include "storage/begin_transaction.hpp"
#include "storage/storage_error.hpp"

#include <optional>
#include <string>

namespace enlace::storage {

Writer::Writer(Connection connection, std::size_t max_queued)
    : conn_(std::move(connection)), max_queued_(max_queued) {
  // Each job's SAVEPOINT keeps the original of every page it changes in a sub-journal, which
  // SQLite spills to a temporary file past 64 KiB: a referral touches some thirty pages, so
  // every job wrote them all to /var/tmp (two pwrite calls a page), twice the WAL's writes.
  // In memory, it is freed at the job's RELEASE.
  conn_.exec("PRAGMA temp_store = MEMORY");
  conn_.watch_sign_in_rows(&sign_in_rows_changed_);
  thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Writer::submit(std::unique_ptr<WriteJob> job) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() < max_queued_) {
      queue_.push_back(std::move(job));
      stats_.queue_depth.store(queue_.size(), std::memory_order_relaxed);
    }
  }
  if (!job) {
    cv_.notify_one();
    return;
  }
  stats_.rejected.fetch_add(1, std::memory_order_relaxed);
  auto busy = core::Error::busy();
  busy.cause = "the write queue is full";
  job->complete(&busy);
}

void Writer::drain() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !running_; });
}

void Writer::loop() {
  std::deque<std::unique_ptr<WriteJob>> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      // Everything that queued while the previous batch was syncing goes into this one.
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      stats_.queue_depth.store(queue_.size(), std::memory_order_relaxed);
      running_ = true;
    }
    run_batch(batch);
    batch.clear();
    {
      std::lock_guard lock(mu_);
      running_ = false;
      if (queue_.empty()) idle_cv_.notify_all();
    }
  }
}

void Writer::run_batch(std::deque<std::unique_ptr<WriteJob>>& batch) {
  bool committed = false;
  std::optional<core::Error> failure;
  try {
    begin_transaction(conn_, "BEGIN IMMEDIATE");
    WriteTxn tx(conn_, &after_commit_);
    for (auto& job : batch) {
      const std::size_t mark = after_commit_.size();
      conn_.exec("SAVEPOINT job");
      bool ok = false;
      try {
        ok = job->run(tx);
      } catch (const DbError& e) {
        job->fail(storage_error(e));
      } catch (const std::exception& e) {
        auto error = core::Error::internal();
        error.cause = e.what();
        job->fail(error);
      }
      if (!ok) {
        conn_.exec("ROLLBACK TO job");
        after_commit_.resize(mark);
      }
      conn_.exec("RELEASE job");
    }
    // Where other processes share the database (PostgreSQL), they hear of the change at
    // COMMIT and close the event streams of ended sessions (storage/database_feed.hpp).
    if (sign_in_rows_changed_ && conn_.is_postgres()) conn_.exec("NOTIFY enlace_sign_in");
    conn_.exec("COMMIT");
    committed = true;
  } catch (const DbError& e) {
    failure = storage_error(e);
    // A constraint checked at COMMIT (a deferred foreign key) is a fault of the server, and
    // most jobs of the batch had no part in it: none of them is told its request was wrong.
    if (failure->code == core::ErrorCode::conflict || failure->code == core::ErrorCode::invalid) {
      auto cause = std::move(failure->cause);
      failure = core::Error::internal("The write was not saved.");
      failure->cause = std::move(cause);
    }
    try {
      conn_.exec("ROLLBACK");
    } catch (const DbError&) {
      // No transaction left to roll back (COMMIT may have failed after ending it).
    }
  }
  stats_.commits.fetch_add(committed ? 1 : 0, std::memory_order_relaxed);
  stats_.commit_failures.fetch_add(committed ? 0 : 1, std::memory_order_relaxed);
  stats_.jobs.fetch_add(batch.size(), std::memory_order_relaxed);
  stats_.batch_sum.fetch_add(batch.size(), std::memory_order_relaxed);
  std::size_t bucket = 0;
  while (bucket < WriterStats::kBatchBounds.size() && batch.size() > WriterStats::kBatchBounds[bucket])
    ++bucket;
  stats_.batch_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  // Before the completions: a sign-out is answered only once no cached entry can outlive it.
  // Rolled-back changes count too (harmless: one more lookup).
  if (sign_in_rows_changed_) {
    sign_in_rows_changed_ = false;
    sign_in_generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  // In commit order, before any reply: whoever hears a write was saved can already see its
  // effects (a live event), and one thread hands them on in the order of their ids.
  if (committed) {
    for (auto& fn : after_commit_) {
      try {
        fn();
      } catch (const std::exception&) {
        // The write is durable whatever a follower does; it must not stop the others.
      }
    }
  }
  after_commit_.clear();
  if (!committed && !failure) failure = core::Error::internal("The write was not saved.");
  for (auto& job : batch) job->complete(committed ? nullptr : &*failure);
}

}  // namespace enlace::storage
