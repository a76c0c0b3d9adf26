// Webhooks of organisations and their deliveries (migration 14). Every read and change of a
// webhook is scoped by its organisation in SQL; the dispatcher's functions (fan_out, due,
// record_*) work across organisations and are never reached from a request.
#pragma once

#include "core/ports/webhook_outbox.hpp"
#include "core/ports/webhook_store.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The records the use cases see (core/ports/webhook_store.hpp).
using WebhookRecord = core::WebhookRecord;
using WebhookDeliveryRecord = core::WebhookDeliveryRecord;

// The dispatcher's records (core/ports/webhook_outbox.hpp).
using core::DueWebhookDelivery;
using core::WebhookEvent;
using core::WebhookFanOut;
using core::WebhookFailure;

struct WebhookQueueStats {
  std::int64_t queued = 0;
  std::optional<core::Timestamp> oldest_queued_at;
};

inline constexpr int kWebhookDeliveriesShown = 100;

class WebhookRepository {
 public:
  static WebhookRecord insert(WriteTxn& tx, const std::string& id,
                              const std::string& organization_id, const std::string& url,
                              const std::vector<std::string>& events, const std::string& secret,
                              const std::string& created_by, core::Timestamp now);
  static std::int64_t count(ReadTxn& tx, const std::string& organization_id);
  static std::int64_t count(WriteTxn& tx, const std::string& organization_id);
  static std::vector<WebhookRecord> list(ReadTxn& tx, const std::string& organization_id);
  // Not found when the webhook is not the organisation's.
  static core::Result<bool> remove(WriteTxn& tx, const std::string& organization_id,
                                   const std::string& webhook_id);
  // The last kWebhookDeliveriesShown deliveries, newest first; not found when the webhook is
  // not the organisation's.
  static core::Result<std::vector<WebhookDeliveryRecord>> deliveries(
      ReadTxn& tx, const std::string& organization_id, const std::string& webhook_id);

  // Dispatcher: turns up to `limit` live events after the cursor into deliveries for the
  // enabled webhooks subscribed to them (of the referral's sending and receiving
  // organisations, made before the event), due at `now`, and advances the cursor past them.
  // Returns how many events it consumed.
  // Whether live events wait beyond the cursor (a read, so that an idle server writes nothing).
  static bool has_new_events(ReadTxn& tx);
  static std::size_t fan_out(WriteTxn& tx, const WebhookFanOut& make, core::Timestamp now,
                             int limit);
  static std::vector<DueWebhookDelivery> due(ReadTxn& tx, core::Timestamp now, int limit);
  static void record_success(WriteTxn& tx, const DueWebhookDelivery& d, int status,
                             core::Timestamp now);
  // `next`: when to try again, or nothing to give the delivery up. An endpoint failing for
  // 3 days (core::webhook_endpoint_given_up) is disabled and its queued deliveries fail.
  static WebhookFailure record_failure(WriteTxn& tx, const DueWebhookDelivery& d,
                                       std::optional<int> status, const std::string& error,
                                       core::Timestamp now, std::optional<core::Timestamp> next);
  static WebhookQueueStats queue_stats(ReadTxn& tx);
};

}  // namespace enlace::storage
