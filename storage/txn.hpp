// Transactions as repositories see them: a read snapshot or a slot in the writer's batch.
#pragma once

#include "storage/sql.hpp"

#include <functional>
#include <stdexcept>
#include <vector>

namespace enlace::storage {

// A read-only snapshot on one pool connection (read-pool thread only).
class ReadTxn {
 public:
  explicit ReadTxn(Connection& c) : c_(c) {}
  Statement prepared(std::string_view sql) { return c_.prepared(sql); }
  Connection& connection() { return c_; }

 private:
  Connection& c_;
};

// One job's part of the writer's group transaction, inside its own SAVEPOINT (writer thread
// only). A WriteTxn can also read: it sees its own uncommitted writes.
class WriteTxn {
 public:
  using AfterCommit = std::vector<std::function<void()>>;
  // `after_commit`: where the writer keeps what runs once the batch is durable; a transaction
  // committed by its own caller (CLI, retention, tests) has none.
  explicit WriteTxn(Connection& c, AfterCommit* after_commit = nullptr)
      : c_(c), after_commit_(after_commit) {}
  Statement prepared(std::string_view sql) { return c_.prepared(sql); }
  Connection& connection() { return c_; }
  std::int64_t changes() const { return c_.changes(); }

  // Runs `fn` on the writer thread once this job's batch has committed, in commit order
  // across jobs and before any job of the batch completes; dropped if the job or the batch
  // rolls back. Live events are published this way, so that streams get them in id order.
  void after_commit(std::function<void()> fn) {
    if (!after_commit_) throw std::logic_error("after_commit outside the writer");
    after_commit_->push_back(std::move(fn));
  }

 private:
  Connection& c_;
  AfterCommit* after_commit_;
};

}  // namespace enlace::storage
