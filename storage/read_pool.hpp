// A few threads, each owning one read-only WAL connection. Reads never wait for the writer
// (WAL readers see the last committed snapshot) and never run on the I/O threads. A pool of
// writable connections (PostgreSQL only) serves the short writes that must not queue behind
// the writer's batches (Database::quick_writes).
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
#include <vector>

namespace enlace::storage {

class ReadPool {
 public:
  // The job runs inside BEGIN ... COMMIT so that all its queries see one snapshot.
  // It must catch nothing: DbError is turned into `on_error` by the pool.
  using Job = std::function<void(ReadTxn&)>;
  using OnError = std::function<void(const core::Error& error)>;  // storage_error.hpp

  // `writable`: connections that may write (each job still one transaction).
  ReadPool(const std::string& path, int threads, bool writable = false);
  ~ReadPool();
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;

  void submit(Job job, OnError on_error);  // any thread

 private:
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

}  // namespace enlace::storage
