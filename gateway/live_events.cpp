// Live events and the overdue scanner: see live_events.hpp.
#include "gateway/live_events.hpp"

#include "core/use_cases/referral_follow_up.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/referral_ports.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <cmath>

namespace enlace::gateway {

namespace asio = boost::asio;

void WriterEventHub::publish_on_commit(core::LiveEventRecord r) {
  LiveEvent e{r.id, r.at, std::move(r.sender), std::move(r.receiver), std::move(r.type),
              std::move(r.data)};
  unit_.after_commit([&hub = hub_, e = std::move(e)]() mutable { hub.publish(std::move(e)); });
}

core::FollowUpRules follow_up_rules(const ServeConfig& config) {
  core::FollowUpRules rules;
  rules.remind_every = std::chrono::minutes(60LL * config.overdue_reminder_hours);
  if (config.expire_unanswered_after_hours > 0)
    rules.expire_after = std::chrono::milliseconds(
        std::llround(config.expire_unanswered_after_hours * 3'600'000.0));
  return rules;
}

namespace {

class TimerScanner final : public OverdueScanner,
                           public std::enable_shared_from_this<TimerScanner> {
 public:
  TimerScanner(App& app, asio::io_context& ioc, int interval)
      : app_(app), strand_(asio::make_strand(ioc)), timer_(strand_), interval_(interval) {}

  void start() {
    asio::co_spawn(strand_, run(shared_from_this()), asio::detached);
  }

  void nudge() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->nudged_ = true;
      self->timer_.cancel();  // wakes the wait; during a scan it cancels nothing
    });
  }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->timer_.cancel();
    });
  }

 private:
  bool stopping() const { return stopped_ || app_.stopping.load(); }

  static asio::awaitable<void> run(std::shared_ptr<TimerScanner> self) {
    while (!self->stopping()) {
      if (!self->nudged_) {
        self->timer_.expires_after(std::chrono::seconds(self->interval_));
        boost::system::error_code ec;
        co_await self->timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (self->stopping()) break;
      }
      const bool asked = self->nudged_;
      self->nudged_ = false;
      if (!self->app_.runs_scheduled_work.load()) {
        // Another process sharing the database runs the scan: a nudge is passed on to it.
        if (asked && self->app_.feed) self->app_.feed->request_scan();
        continue;
      }
      co_await self->scan();
    }
  }

  asio::awaitable<void> scan() {
    core::Timestamp now = app_.clock.now();
    const core::FollowUpRules rules = follow_up_rules(app_.config);
    // Expiry first: a referral closed now gets no overdue notice besides.
    for (bool expiring = rules.expire_after.has_value();;) {
      auto take = [now, rules, expiring,
                   &hub = app_.events](core::WriteUnit& unit) -> core::Result<std::size_t> {
        WriterReferralNotices notices(unit, hub);
        const core::FollowUpPorts ports{unit.follow_ups(), unit.system_audit(now), notices};
        if (expiring) return core::expire_unanswered_referrals(ports, rules, now, kOverdueNoticesPerJob);
        return core::send_overdue_notices(ports, rules, now, kOverdueNoticesPerJob);
      };
      auto taken = co_await db_write(app_.db, std::move(take));
      if (!taken) {
        log_event(LogLevel::warn, "overdue_scan_failed", {{"detail", taken.error().detail}});
        co_return;
      }
      if (stopping()) break;
      // Other writes queued meanwhile go into the writer's next batch, beside the next chunk.
      if (*taken == static_cast<std::size_t>(kOverdueNoticesPerJob)) continue;
      if (!expiring) break;
      expiring = false;
    }
  }

  App& app_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  int interval_;
  bool stopped_ = false;  // strand only
  bool nudged_ = false;   // strand only
};

}  // namespace

std::shared_ptr<OverdueScanner> start_overdue_scanner(App& app, asio::io_context& ioc,
                                                      int interval_seconds) {
  auto s = std::make_shared<TimerScanner>(app, ioc, interval_seconds);
  s->start();
  return s;
}

}  // namespace enlace::gateway
