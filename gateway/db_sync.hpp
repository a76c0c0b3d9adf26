// Storage from a thread of its own (the mail sender), which may block: the work still runs on
// the writer thread or a read-pool thread, as db_await.hpp does for coroutines, and the calling
// thread waits for it. Never call these from an I/O thread or the writer.
#pragma once

#include "core/ports/transactions.hpp"
#include "core/result.hpp"
#include "gateway/db_await.hpp"

#include <future>
#include <memory>
#include <type_traits>

namespace enlace::gateway {

namespace detail {
template <class F>
class SyncWriteJob final : public ResultJob<F> {
 public:
  using R = typename ResultJob<F>::R;
  explicit SyncWriteJob(F fn) : ResultJob<F>(std::move(fn)) {}
  std::future<R> result() { return promise_.get_future(); }

 private:
  void deliver(R& result) override { promise_.set_value(std::move(result)); }
  std::promise<R> promise_;
};
}  // namespace detail

// fn(core::WriteUnit&) -> core::Result<T> in the writer's group transaction; returns after
// COMMIT.
template <class F>
auto db_write_sync(core::Transactions& db, F fn) -> std::invoke_result_t<F&, core::WriteUnit&> {
  auto job = std::make_unique<detail::SyncWriteJob<F>>(std::move(fn));
  auto result = job->result();
  db.submit_write(std::move(job));
  return result.get();
}

// fn(core::ReadUnit&) -> core::Result<T> on a read-pool thread.
template <class F>
auto db_read_sync(core::Transactions& db, F fn) -> std::invoke_result_t<F&, core::ReadUnit&> {
  using R = std::invoke_result_t<F&, core::ReadUnit&>;
  auto promise = std::make_shared<std::promise<R>>();
  auto result = promise->get_future();
  db.submit_read([promise, fn = std::move(fn)](core::ReadUnit& unit) mutable {
                   promise->set_value(fn(unit));
                 },
                 [promise](const core::Error& error) { promise->set_value(R(error)); });
  return result.get();
}

}  // namespace enlace::gateway
