// What the webhook dispatcher's use cases (core/use_cases/webhook_delivery.hpp) read and write:
// the live events not yet turned into deliveries, the deliveries due, and their outcomes. These
// work across organisations and are never reached from a request. The SQL adapters (SQLite
// and PostgreSQL alike) are storage/sql_webhook_outbox.hpp; the HTTP client, the signing and
// the random ids stay in the gateway.
#pragma once

#include "core/time.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// A delivery to attempt now, with what signing and sending it needs.
struct DueWebhookDelivery {
  std::string id, webhook_id, organization_id, url, secret, body;
  int attempts = 0;
  std::optional<Timestamp> first_failed_at;
};

// What turns one live event into one delivery's body for one organisation's webhook: the
// gateway's (random ids, the body's JSON).
struct WebhookEvent {
  std::int64_t id = 0;
  Timestamp at{};
  std::string type, data;
};
struct WebhookFanOut {
  std::function<std::string()> new_delivery_id;
  std::function<std::string(const WebhookEvent&, const std::string& organization_id)> body_of;
};

// What became of an endpoint after a failed attempt.
struct WebhookFailure {
  bool delivery_given_up = false;
  bool endpoint_disabled = false;
};

// Bound to one write transaction.
class WebhookOutbox {
 public:
  virtual ~WebhookOutbox() = default;
  // Turns up to `limit` live events after the durable cursor into deliveries for the enabled
  // webhooks subscribed to them (of the referral's sending and receiving organisations, made
  // before the event), due at `now`, and advances the cursor past them. Returns how many
  // events it consumed.
  virtual std::size_t fan_out(const WebhookFanOut& make, Timestamp now, int limit) = 0;
  virtual void record_success(const DueWebhookDelivery& d, int status, Timestamp now) = 0;
  // `next`: when to try again, or nothing to give the delivery up. An endpoint failing for
  // 3 days (core::webhook_endpoint_given_up) is disabled and its queued deliveries fail.
  virtual WebhookFailure record_failure(const DueWebhookDelivery& d, std::optional<int> status,
                                        const std::string& error, Timestamp now,
                                        std::optional<Timestamp> next) = 0;
};

// Bound to one read snapshot.
class WebhookOutboxReader {
 public:
  virtual ~WebhookOutboxReader() = default;
  // Whether live events wait beyond the cursor (a read, so that an idle server writes nothing).
  virtual bool has_new_events() = 0;
  virtual std::vector<DueWebhookDelivery> due_deliveries(Timestamp now, int limit) = 0;
};

}  // namespace enlace::core
