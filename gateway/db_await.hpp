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

// The cause of a 500 goes to the log, never to the client: a SQLite message, or which sealed
// column would not open (FieldCipherError names the column, never a value).
inline void log_storage_failure(const char* what) {
  log_event(LogLevel::error, "storage_failed", {{"cause", what}});
}

template <class R, class Handler>
void resume(Handler&& handler, R result) {
  auto ex = boost::asio::get_associated_executor(handler);
  boost::asio::post(ex, [h = std::forward<Handler>(handler), r = std::move(result)]() mutable {
    std::move(h)(std::move(r));
  });
}

template <class F, class Handler>
class WriteJobFor final : public storage::WriteJob {
 public:
  using R = std::invoke_result_t<F&, storage::WriteTxn&>;
  WriteJobFor(F fn, Handler handler) : fn_(std::move(fn)), handler_(std::move(handler)) {}

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
    resume(std::move(handler_), std::move(*result_));
  }

 private:
  F fn_;
  Handler handler_;
  std::optional<R> result_;
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

// co_await db_read(db, fn): fn(ReadTxn&) -> core::Result<T> on a read-pool thread.
template <class F>
auto db_read(storage::Database& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, storage::ReadTxn&>> {
  using R = std::invoke_result_t<F&, storage::ReadTxn&>;
  auto initiate = [&db, fn = std::move(fn)](auto handler) mutable {
    using H = decltype(handler);
    // Shared so that exactly one of the job and the error path resumes the coroutine.
    auto state = std::make_shared<std::pair<std::optional<H>, F>>(std::move(handler), std::move(fn));
    db.reads().submit(
        [state](storage::ReadTxn& tx) {
          R r = state->second(tx);
          detail::resume(std::move(*state->first), std::move(r));
          state->first.reset();
        },
        [state](const char* what) {
          detail::log_storage_failure(what);
          if (state->first) {
            detail::resume(std::move(*state->first), R(core::Error::internal()));
            state->first.reset();
          }
        });
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      std::move(initiate), boost::asio::use_awaitable);
}

}  // namespace enlace::gateway
