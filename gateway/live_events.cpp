// Live events and the overdue scanner: see live_events.hpp.
#include "gateway/live_events.hpp"

#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/handlers/referral_json.hpp"
#include "gateway/log.hpp"
#include "storage/live_event_repository.hpp"
#include "storage/referral_repository.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace enlace::gateway {

namespace asio = boost::asio;

LiveEvent record_live_event(storage::WriteTxn& tx, std::vector<std::string> organizations,
                            std::string type, std::string data, core::Timestamp now) {
  LiveEvent e;
  e.id = storage::LiveEventRepository::insert(tx, organizations, type, data, now);
  e.organizations = std::move(organizations);
  e.type = std::move(type);
  e.data = std::move(data);
  return e;
}

std::vector<LiveEvent> take_overdue_events(storage::WriteTxn& tx, core::Timestamp now) {
  std::vector<LiveEvent> out;
  for (const auto& n : storage::ReferralRepository::take_overdue(tx, now))
    out.push_back(record_live_event(tx, {n.from_org, n.to_org}, "referral.overdue",
                                    referral_event_data(n.id, n.status, n.version), now));
  return out;
}

std::vector<LiveEvent> scan_overdue(storage::WriteTxn& tx, core::Timestamp now,
                                    std::int64_t& open_overdue) {
  auto out = take_overdue_events(tx, now);
  open_overdue = storage::ReferralRepository::count_overdue(tx, now);
  return out;
}

void publish_all(App& app, std::vector<LiveEvent> events) {
  for (auto& e : events) app.events.publish(std::move(e));
}

namespace {

struct ScanResult {
  std::vector<LiveEvent> events;
  std::int64_t open_overdue = 0;
};

class TimerScanner final : public OverdueScanner,
                           public std::enable_shared_from_this<TimerScanner> {
 public:
  TimerScanner(App& app, asio::io_context& ioc, int interval)
      : app_(app), strand_(asio::make_strand(ioc)), timer_(strand_), interval_(interval) {}

  void start() {
    asio::co_spawn(strand_, run(shared_from_this()), asio::detached);
  }

  void stop() override {
    asio::post(strand_, [self = shared_from_this()] {
      self->stopped_ = true;
      self->timer_.cancel();
    });
  }

 private:
  static asio::awaitable<void> run(std::shared_ptr<TimerScanner> self) {
    while (!self->stopped_ && !self->app_.stopping.load()) {
      self->timer_.expires_after(std::chrono::seconds(self->interval_));
      boost::system::error_code ec;
      co_await self->timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (self->stopped_ || self->app_.stopping.load()) break;
      core::Timestamp now = self->app_.clock.now();
      auto scan = [now](storage::WriteTxn& tx) -> core::Result<ScanResult> {
        ScanResult r;
        r.events = scan_overdue(tx, now, r.open_overdue);
        return r;
      };
      auto done = co_await db_write(self->app_.db, std::move(scan));
      if (!done) {
        log_event(LogLevel::warn, "overdue_scan_failed", {{"detail", done.error().detail}});
        continue;
      }
      self->app_.metrics.overdue_referrals.store(static_cast<long>(done->open_overdue));
      publish_all(self->app_, std::move(done->events));
    }
  }

  App& app_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  int interval_;
  bool stopped_ = false;  // strand only
};

}  // namespace

std::shared_ptr<OverdueScanner> start_overdue_scanner(App& app, asio::io_context& ioc,
                                                      int interval_seconds) {
  auto s = std::make_shared<TimerScanner>(app, ioc, interval_seconds);
  s->start();
  return s;
}

}  // namespace enlace::gateway
