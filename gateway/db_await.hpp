// Awaiting storage from a coroutine: the work runs on the writer thread or a read-pool thread,
// and the coroutine resumes on its own executor afterwards. I/O threads never touch SQLite.
#pragma once

#include "core/result.hpp"
#include "gateway/log.hpp"
#include "storage/database.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace enlace::gateway {

namespace detail {

template <class R, class Handler>
void resume(Handler&& handler, R result) {
  auto ex = boost::asio::get_associated_executor(handler);
  boost::asio::post(ex, [h = std::forward<Handler>(handler), r = std::move(result)]() mutable {
    std::move(h)(std::move(r));
  });
}

// A write job's result: what fn returned, or the classified failure of the job or of its
// batch's COMMIT (whose cause is logged with the request id when the reply is made).
template <class F>
class ResultJob : public storage::WriteJob {
 public:
  using R = std::invoke_result_t<F&, storage::WriteTxn&>;
  explicit ResultJob(F fn) : fn_(std::move(fn)) {}

  bool run(storage::WriteTxn& tx) override {
    result_.emplace(fn_(tx));
    return result_->has_value();
  }
  void fail(const core::Error& error) override { result_.emplace(error); }
  void complete(const core::Error* failure) override {
    if (failure) result_.emplace(*failure);
    else if (!result_) result_.emplace(core::Error::internal("The write was not saved."));
    deliver(*result_);
  }

 protected:
  // Hands the result on (moving from it): once, after the batch.
  virtual void deliver(R& result) = 0;

 private:
  F fn_;
  std::optional<R> result_;
};

template <class F, class Handler>
class WriteJobFor final : public ResultJob<F> {
 public:
  WriteJobFor(F fn, Handler handler) : ResultJob<F>(std::move(fn)), handler_(std::move(handler)) {}

 private:
  void deliver(typename ResultJob<F>::R& result) override {
    resume(std::move(handler_), std::move(result));
  }
  Handler handler_;
};

}  // namespace detail

// co_await db_write(db, fn): fn(WriteTxn&) -> core::Result<T> runs inside the writer's group
// transaction; the coroutine resumes only after COMMIT is on disk (or with the error).
// Name fn before the co_await: GCC 12 mishandles a capturing lambda created inside it.
template <class F>
auto db_write(storage::Database& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, storage::WriteTxn&>> {
  using R = std::invoke_result_t<F&, storage::WriteTxn&>;
  auto initiate = [&db, fn = std::move(fn)](auto handler) mutable {
    using H = decltype(handler);
    db.writer().submit(
        std::make_unique<detail::WriteJobFor<F, H>>(std::move(fn), std::move(handler)));
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      std::move(initiate), boost::asio::use_awaitable);
}

// co_await db_on(pool, fn): fn(Txn&) -> core::Result<T> on one of `pool`'s threads (a ReadTxn
// on the read pool, a WriteTxn on the quick-write pool).
template <class Txn, class F>
auto db_on(storage::ConnectionPool<Txn>& pool, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, Txn&>> {
  using R = std::invoke_result_t<F&, Txn&>;
  auto initiate = [&pool, fn = std::move(fn)](auto handler) mutable {
    using H = decltype(handler);
    // Shared so that exactly one of the job and the error path resumes the coroutine.
    auto state = std::make_shared<std::pair<std::optional<H>, F>>(std::move(handler), std::move(fn));
    pool.submit(
        [state](Txn& tx) {
          R r = state->second(tx);
          detail::resume(std::move(*state->first), std::move(r));
          state->first.reset();
        },
        [state](const core::Error& error) {
          if (state->first) {
            detail::resume(std::move(*state->first), R(error));
            state->first.reset();
          }
        });
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      std::move(initiate), boost::asio::use_awaitable);
}

// co_await db_read(db, fn): fn(ReadTxn&) -> core::Result<T> on a read-pool thread.
template <class F>
auto db_read(storage::Database& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, storage::ReadTxn&>> {
  return db_on(db.reads(), std::move(fn));
}

}  // namespace enlace::gateway
