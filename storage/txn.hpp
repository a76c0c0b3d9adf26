// Transactions as repositories see them: a read snapshot or a slot in the writer's batch.
#pragma once

#include "storage/sqlite.hpp"

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
  explicit WriteTxn(Connection& c) : c_(c) {}
  Statement prepared(std::string_view sql) { return c_.prepared(sql); }
  Connection& connection() { return c_; }
  std::int64_t changes() const { return c_.changes(); }

 private:
  Connection& c_;
};

}  // namespace enlace::storage
