// Storage from a thread of its own (the mail sender), which may block: the work still runs on
// the writer thread or a read-pool thread, as db_await.hpp does for coroutines, and the calling
// thread waits for it. Never call these from an I/O thread or the writer.
#pragma once

#include "core/result.hpp"
#include "gateway/db_await.hpp"
#include "storage/database.hpp"

#include <future>
#include <memory>
#include <type_traits>

namespace enlace::gateway {

namespace detail {
template <class F>
class SyncWriteJob final : public storage::WriteJob {
 public:
  using R = std::invoke_result_t<F&, storage::WriteTxn&>;
  explicit SyncWriteJob(F fn) : fn_(std::move(fn)) {}
  std::future<R> result() { return promise_.get_future(); }

  bool run(storage::WriteTxn& tx) override {
    result_.emplace(fn_(tx));
    return result_->has_value();
  }
  void fail(const char* what) override {
    log_storage_failure(what);
    result_.emplace(core::Error::internal());
  }
  void complete(bool committed) override {
    if (!committed || !result_) result_.emplace(core::Error::internal("The write was not saved."));
    promise_.set_value(std::move(*result_));
  }

 private:
  F fn_;
  std::optional<R> result_;
  std::promise<R> promise_;
};
}  // namespace detail

// fn(WriteTxn&) -> core::Result<T> in the writer's group transaction; returns after COMMIT.
template <class F>
auto db_write_sync(storage::Database& db, F fn) -> std::invoke_result_t<F&, storage::WriteTxn&> {
  auto job = std::make_unique<detail::SyncWriteJob<F>>(std::move(fn));
  auto result = job->result();
  db.writer().submit(std::move(job));
  return result.get();
}

// fn(ReadTxn&) -> core::Result<T> on a read-pool thread.
template <class F>
auto db_read_sync(storage::Database& db, F fn) -> std::invoke_result_t<F&, storage::ReadTxn&> {
  using R = std::invoke_result_t<F&, storage::ReadTxn&>;
  auto promise = std::make_shared<std::promise<R>>();
  auto result = promise->get_future();
  db.reads().submit([promise, fn = std::move(fn)](storage::ReadTxn& tx) mutable {
                      promise->set_value(fn(tx));
                    },
                    [promise](const char* what) {
                      detail::log_storage_failure(what);
                      promise->set_value(R(core::Error::internal()));
                    });
  return result.get();
}

}  // namespace enlace::gateway
