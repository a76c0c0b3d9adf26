// The hourly audit head line: see audit_anchor.hpp.
#include "gateway/audit_anchor.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/use_case_jobs.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {

constexpr auto kEvery = std::chrono::hours(1);

class TimerAnchor final : public AuditAnchor, public std::enable_shared_from_this<TimerAnchor> {
 public:
  TimerAnchor(App& app, asio::io_context& ioc)
      : app_(app), strand_(asio::make_strand(ioc)), timer_(strand_) {}

  void start() { asio::co_spawn(strand_, run(shared_from_this()), asio::detached); }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->timer_.cancel();
    });
  }

 private:
  bool stopping() const { return stopped_ || app_.stopping.load(); }

  static asio::awaitable<void> run(std::shared_ptr<TimerAnchor> self) {
    // Polling the clock rather than sleeping an hour: the test clock jumps, and a system clock
    // set forward should not delay the line by the size of the jump.
    auto poll = self->app_.clock.is_test_clock() ? std::chrono::seconds(1) : std::chrono::seconds(60);
    core::Timestamp next = self->app_.clock.now();
    while (!self->stopping()) {
      core::Timestamp now = self->app_.clock.now();
      // Scheduled work: one process writes the line, where several share the database.
      if (now >= next && self->app_.runs_scheduled_work.load()) {
        co_await self->log_head();
        next = now + kEvery;
        // stop() may have come while the head was read: its cancel found no wait to end, and
        // a wait begun now would hold the shutdown for a whole poll.
        if (self->stopping()) break;
      }
      self->timer_.expires_after(poll);
      boost::system::error_code ec;
      co_await self->timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> log_head() {
    auto read = audit_log_read([](core::AuditLogReader& log) -> core::Result<core::ChainHead> {
      return log.chain_head();
    });
    auto head = co_await db_read(app_.db, std::move(read));
    if (!head) {
      log_event(LogLevel::warn, "audit_head_failed", {{"detail", head.error().detail}});
      co_return;
    }
    log_event(LogLevel::info, "audit_head",
              {{"events", head->events}, {"head", head->head}, {"keyed", head->keyed}});
  }

  App& app_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  bool stopped_ = false;  // strand only
};

}  // namespace

std::shared_ptr<AuditAnchor> start_audit_anchor(App& app, asio::io_context& ioc) {
  auto a = std::make_shared<TimerAnchor>(app, ioc);
  a->start();
  return a;
}

}  // namespace enlace::gateway
