// Awaiting storage from a coroutine: the work goes through the core port
// (core/ports/transactions.hpp, App::db) and runs on the writer thread or a read-pool thread,
// and the coroutine resumes on its own executor afterwards. I/O threads never touch the
// database. The work receives a unit of work (core/ports/units_of_work.hpp), never a
// transaction.
#pragma once

#include "core/ports/transactions.hpp"
#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"
#include "gateway/log.hpp"

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
class ResultJob : public core::UnitWriteJob {
 public:
  using R = std::invoke_result_t<F&, core::WriteUnit&>;
  explicit ResultJob(F fn) : fn_(std::move(fn)) {}

  bool run(core::WriteUnit& unit) override {
    result_.emplace(fn_(unit));
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

// co_await db_write(db, fn): fn(core::WriteUnit&) -> core::Result<T> runs inside the writer's
// group transaction; the coroutine resumes only after COMMIT is on disk (or with the error).
// Name fn before the co_await: GCC 12 mishandles a capturing lambda created inside it.
template <class F>
auto db_write(core::Transactions& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, core::WriteUnit&>> {
  using R = std::invoke_result_t<F&, core::WriteUnit&>;
  auto initiate = [&db, fn = std::move(fn)](auto handler) mutable {
    using H = decltype(handler);
    db.submit_write(
        std::make_unique<detail::WriteJobFor<F, H>>(std::move(fn), std::move(handler)));
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      std::move(initiate), boost::asio::use_awaitable);
}

namespace detail {
// Runs fn(unit) through `submit(job, on_error)`, a pool's, and resumes the coroutine with
// its result or the pool's error.
template <class Unit, class F, class Submit>
auto db_on(Submit submit, F fn) -> boost::asio::awaitable<std::invoke_result_t<F&, Unit&>> {
  using R = std::invoke_result_t<F&, Unit&>;
  auto initiate = [submit = std::move(submit), fn = std::move(fn)](auto handler) mutable {
    using H = decltype(handler);
    // Shared so that exactly one of the job and the error path resumes the coroutine.
    auto state = std::make_shared<std::pair<std::optional<H>, F>>(std::move(handler), std::move(fn));
    submit(
        [state](Unit& unit) {
          R r = state->second(unit);
          resume(std::move(*state->first), std::move(r));
          state->first.reset();
        },
        [state](const core::Error& error) {
          if (state->first) {
            resume(std::move(*state->first), R(error));
            state->first.reset();
          }
        });
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      std::move(initiate), boost::asio::use_awaitable);
}
}  // namespace detail

// co_await db_read(db, fn): fn(core::ReadUnit&) -> core::Result<T> on a read-pool thread.
template <class F>
auto db_read(core::Transactions& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, core::ReadUnit&>> {
  auto submit = [&db](core::ReadUnitJob job, core::UnitJobError on_error) {
    db.submit_read(std::move(job), std::move(on_error));
  };
  return detail::db_on<core::ReadUnit>(std::move(submit), std::move(fn));
}

// co_await db_quick_write(db, fn): fn(core::WriteUnit&) -> core::Result<T> on the quick-write
// pool (db.has_quick_writes() only), committed on its own; its unit has no after_commit.
template <class F>
auto db_quick_write(core::Transactions& db, F fn)
    -> boost::asio::awaitable<std::invoke_result_t<F&, core::WriteUnit&>> {
  auto submit = [&db](core::WriteUnitJob job, core::UnitJobError on_error) {
    db.submit_quick_write(std::move(job), std::move(on_error));
  };
  return detail::db_on<core::WriteUnit>(std::move(submit), std::move(fn));
}

}  // namespace enlace::gateway
