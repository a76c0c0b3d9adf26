// What the webhook use cases read and write (core/use_cases/webhooks.hpp): an organisation's
// webhooks and their last deliveries. Every call names the organisation, and the adapter
// scopes by it in SQL. The SQL adapters (SQLite and PostgreSQL alike) are
// storage/sql_webhook_store.hpp.
#pragma once

#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

struct WebhookRecord {
  std::string id, organization_id, url;
  std::vector<std::string> events;
  Timestamp created_at{};
  std::optional<Timestamp> failing_since, disabled_at;
};

struct WebhookDeliveryRecord {
  std::string id;  // the webhook-id header
  std::int64_t event_id = 0;
  std::string type, state;  // queued | sent | failed
  int attempts = 0;
  std::optional<std::int64_t> last_status;
  std::optional<std::string> last_error;
  Timestamp created_at{};
  std::optional<Timestamp> last_attempt_at, next_attempt_at, sent_at;
};

// A webhook to add: its id and signing secret are made by the caller (the gateway's random
// source), the URL and events already checked (core/webhook_rules.hpp).
struct WebhookDraft {
  std::string id, url;
  std::vector<std::string> events;
  std::string secret;
};

// Bound to one write transaction.
class WebhookStore {
 public:
  virtual ~WebhookStore() = default;
  virtual std::int64_t count_webhooks(const std::string& organization_id) = 0;
  virtual WebhookRecord insert_webhook(const std::string& organization_id, const WebhookDraft& d,
                                       const std::string& created_by, Timestamp now) = 0;
  // not_found when the webhook is not the organisation's.
  virtual Result<bool> remove_webhook(const std::string& organization_id,
                                      const std::string& webhook_id) = 0;
};

// Bound to one read snapshot.
class WebhookReader {
 public:
  virtual ~WebhookReader() = default;
  // Whether the organisation exists (organisations are public in the directory).
  virtual bool organization_exists(const std::string& organization_id) = 0;
  virtual std::vector<WebhookRecord> webhooks(const std::string& organization_id) = 0;
  // The last deliveries, newest first; not_found when the webhook is not the organisation's.
  virtual Result<std::vector<WebhookDeliveryRecord>> webhook_deliveries(
      const std::string& organization_id, const std::string& webhook_id) = 0;
};

}  // namespace enlace::core
