// The webhook sender: see webhook_dispatcher.hpp.
#include "gateway/webhook_dispatcher.hpp"

#include "core/use_cases/webhook_delivery.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/log.hpp"
#include "gateway/random.hpp"
#include "gateway/webhook_http.hpp"
#include "gateway/webhook_settings.hpp"
#include "gateway/webhook_signature.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>

#include <random>
#include <thread>

namespace enlace::gateway {

namespace asio = boost::asio;

namespace {

class Dispatcher final : public WebhookDispatcher {
 public:
  explicit Dispatcher(App& app)
      : app_(app), timer_(ioc_), stats_(webhook_delivery_stats(app)),
        jitter_rng_(std::random_device{}()) {}

  void start() {
    asio::co_spawn(ioc_, run(), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }

  void stop() override {
    stopped_ = true;
    asio::post(ioc_, [this] { timer_.cancel(); });
  }

  void join() override {
    if (thread_.joinable()) thread_.join();
  }

  ~Dispatcher() override {
    stop();
    join();
  }

 private:
  bool stopping() const { return stopped_.load() || app_.stopping.load(); }

  asio::awaitable<void> run() {
    while (!stopping()) {
      bool busy = false;
      try {
        // Scheduled work: one process delivers, where several share the database (app.hpp).
        if (app_.runs_scheduled_work.load()) {
          co_await fan_out();
          busy = co_await send_due();
        }
      } catch (const std::exception& e) {
        log_event(LogLevel::error, "webhook_sender_failed", {{"cause", e.what()}});
      }
      if (busy || stopping()) continue;
      timer_.expires_after(std::chrono::milliseconds(kWebhookPollMilliseconds));
      boost::system::error_code ec;
      co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> fan_out() {
    auto pending = [](core::ReadUnit& unit) -> core::Result<bool> {
      return core::webhook_events_waiting(unit.webhook_outbox());
    };
    auto any = co_await db_read(app_.db, std::move(pending));
    if (!any || !*any) co_return;
    for (;;) {
      core::Timestamp now = app_.clock.now();
      auto take = [now](core::WriteUnit& unit) -> core::Result<std::size_t> {
        core::WebhookFanOut make{
            [now] { return "msg_" + new_id(now); },
            [](const core::WebhookEvent& e, const std::string& org) {
              return webhook_body(e.type, e.at, e.data, org);
            }};
        return core::fan_out_webhook_events(unit.webhook_outbox(), make, now,
                                            kWebhookEventsPerJob);
      };
      auto taken = co_await db_write(app_.db, std::move(take));
      if (!taken) {
        log_event(LogLevel::warn, "webhook_fan_out_failed", {{"detail", taken.error().detail}});
        co_return;
      }
      if (*taken < static_cast<std::size_t>(kWebhookEventsPerJob) || stopping()) co_return;
    }
  }

  // Returns true when more may be due at once (a full round).
  asio::awaitable<bool> send_due() {
    core::Timestamp now = app_.clock.now();
    auto read = [now](core::ReadUnit& unit) -> core::Result<std::vector<core::DueWebhookDelivery>> {
      return core::due_webhook_deliveries(unit.webhook_outbox(), now, kWebhookDeliveriesPerRound);
    };
    auto due = co_await db_read(app_.db, std::move(read));
    if (!due) co_return false;
    for (const auto& d : *due) {
      if (stopping()) co_return false;
      co_await deliver(d);
    }
    co_return due->size() == static_cast<std::size_t>(kWebhookDeliveriesPerRound);
  }

  asio::awaitable<void> deliver(const core::DueWebhookDelivery& d) {
    // webhook-timestamp is the real time of this attempt: receivers compare it with their own
    // clock to refuse replays. The injected clock (tests) decides only when attempts are due.
    auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    WebhookRequest req{d.url, d.id, std::to_string(unix_now), "", d.body};
    WebhookResponse res;
    if (auto sig = sign_webhook(d.secret, req.id, req.timestamp, req.body)) {
      req.signature = *sig;
      // Blocking, on this thread only.
      res = post_webhook(req, webhooks_may_reach_private_addresses(app_), stopped_);
    } else {
      res.error = "the webhook's secret is unusable";
    }
    if (stopping() && !res.delivered()) co_return;  // aborted by shutdown: try again after it
    core::Timestamp now = app_.clock.now();
    if (res.delivered()) {
      int status = res.status.value_or(200);
      auto ok = [d, status, now](core::WriteUnit& unit) -> core::Result<bool> {
        return core::record_webhook_delivered(unit.webhook_outbox(), d, status, now);
      };
      if (co_await db_write(app_.db, std::move(ok))) ++stats_.sent;
      co_return;
    }
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(jitter_rng_);
    auto failed = [d, status = res.status, error = res.error, now,
                   jitter](core::WriteUnit& unit) -> core::Result<core::WebhookFailure> {
      // The disabling is the server's own act: its event has always named no user.
      return core::record_webhook_failure({unit.webhook_outbox(), unit.system_audit(now, "")}, d,
                                          status, error, now, jitter);
    };
    auto outcome = co_await db_write(app_.db, std::move(failed));
    if (!outcome) co_return;
    if (outcome->delivery_given_up) ++stats_.failed; else ++stats_.retries;
    if (outcome->endpoint_disabled)
      log_event(LogLevel::warn, "webhook_disabled",
                {{"webhook_id", d.webhook_id}, {"organization_id", d.organization_id},
                 {"detail", "failing for 3 days"}});
  }

  App& app_;
  asio::io_context ioc_;
  asio::steady_timer timer_;
  DeliveryStats& stats_;
  std::mt19937_64 jitter_rng_;  // this thread only
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<WebhookDispatcher> start_webhook_dispatcher(App& app) {
  // libcurl's global state, before the sender's thread uses it (reference-counted: the mail
  // sender may initialise it too).
  curl_global_init(CURL_GLOBAL_DEFAULT);
  auto d = std::make_unique<Dispatcher>(app);
  d->start();
  return d;
}

}  // namespace enlace::gateway
