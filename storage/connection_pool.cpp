// Connection pools: see connection_pool.hpp.
#include "storage/connection_pool.hpp"

#include "storage/begin_transaction.hpp"
#include "storage/storage_error.hpp"

namespace enlace::storage {

template <class Txn>
ConnectionPool<Txn>::ConnectionPool(const std::string& path, int threads) {
  if (threads < 1) threads = 1;
  for (int i = 0; i < threads; ++i) {
    // Open here so that a bad path fails the constructor, not a thread.
    auto conn = Connection::open(path, {.read_only = !kWritable, .create = false});
    threads_.emplace_back([this, c = std::move(conn)]() mutable { loop(std::move(c)); });
  }
}

template <class Txn>
ConnectionPool<Txn>::~ConnectionPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

template <class Txn>
void ConnectionPool<Txn>::submit(Job job, OnError on_error) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(job), std::move(on_error)});
  }
  cv_.notify_one();
}

template <class Txn>
void ConnectionPool<Txn>::loop(Connection conn) {
  for (;;) {
    Item item;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      begin_transaction(conn, "BEGIN");
      Txn tx(conn);
      item.job(tx);
      conn.exec("COMMIT");
    } catch (const DbError& e) {
      try {
        conn.exec("ROLLBACK");
      } catch (const DbError&) {
        // The failed statement may already have ended the transaction.
      }
      item.on_error(storage_error(e));
    } catch (const std::exception& e) {
      try {
        conn.exec("ROLLBACK");
      } catch (const DbError&) {
      }
      auto error = core::Error::internal();
      error.cause = e.what();
      item.on_error(error);
    }
  }
}

template class ConnectionPool<ReadTxn>;
template class ConnectionPool<WriteTxn>;

}  // namespace enlace::storage
