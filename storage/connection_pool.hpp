// A few threads, each owning one connection, each job in one transaction of its own.
//
// ReadPool: read-only connections. Reads never wait for the writer (WAL readers see the last
// committed snapshot) and never run on the I/O threads; each job sees one snapshot.
// QuickWritePool (PostgreSQL only, Database::quick_writes): writable connections for the
// short writes that must not queue behind the writer's batches or wait for its flush, such as
// the shared rate buckets; each job commits on its own.
#pragma once

#include "core/result.hpp"
#include "storage/sql.hpp"
#include "storage/txn.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace enlace::storage {

template <class Txn>
class ConnectionPool {
 public:
  // The job runs inside BEGIN ... COMMIT. It must catch nothing: DbError is turned into
  // `on_error` by the pool.
  using Job = std::function<void(Txn&)>;
  using OnError = std::function<void(const core::Error& error)>;  // storage_error.hpp

  ConnectionPool(const std::string& path, int threads);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  void submit(Job job, OnError on_error);  // any thread

 private:
  static constexpr bool kWritable = std::is_same_v<Txn, WriteTxn>;
  struct Item {
    Job job;
    OnError on_error;
  };
  void loop(Connection conn);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

using ReadPool = ConnectionPool<ReadTxn>;
using QuickWritePool = ConnectionPool<WriteTxn>;

extern template class ConnectionPool<ReadTxn>;
extern template class ConnectionPool<WriteTxn>;

}  // namespace enlace::storage
