// The webhook sender: a thread of its own (never an I/O thread, never the writer) that turns
// committed live events into deliveries and sends them.
//
// It tails live_event by id with a durable cursor (webhook_cursor) and writes each event's
// deliveries in the same transaction that advances the cursor: an event that did not commit is
// never announced, and one that committed is announced once even across restarts. Deliveries
// are then POSTed (webhook_http.hpp), signed as Standard Webhooks, retried on
// core/delivery_retry.hpp's schedule, and an endpoint failing for 3 days is disabled and the
// disabling audited.
#pragma once

#include <memory>

namespace enlace::gateway {

class App;

class WebhookDispatcher {
 public:
  virtual ~WebhookDispatcher() = default;
  // Asks it to finish (a transfer in progress is aborted). Safe from any thread.
  virtual void stop() = 0;
  // Waits for its thread to end; call after stop(), while the App and its database live.
  virtual void join() = 0;
};

// How often it looks for new events and deliveries that fell due (the injected clock moves
// in steps, so it polls rather than sleeping until the next due time).
inline constexpr int kWebhookPollMilliseconds = 500;
inline constexpr int kWebhookEventsPerJob = 500;
inline constexpr int kWebhookDeliveriesPerRound = 50;

std::unique_ptr<WebhookDispatcher> start_webhook_dispatcher(App& app);

}  // namespace enlace::gateway
