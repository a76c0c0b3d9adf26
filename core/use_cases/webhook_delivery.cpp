// The webhook dispatcher's work: see webhook_delivery.hpp.
#include "core/use_cases/webhook_delivery.hpp"

#include "core/delivery_retry.hpp"

namespace enlace::core {

Result<bool> webhook_events_waiting(WebhookOutboxReader& reader) {
  return reader.has_new_events();
}

Result<std::size_t> fan_out_webhook_events(WebhookOutbox& outbox, const WebhookFanOut& make,
                                           Timestamp now, int limit) {
  return outbox.fan_out(make, now, limit);
}

Result<std::vector<DueWebhookDelivery>> due_webhook_deliveries(WebhookOutboxReader& reader,
                                                               Timestamp now, int limit) {
  return reader.due_deliveries(now, limit);
}

Result<bool> record_webhook_delivered(WebhookOutbox& outbox, const DueWebhookDelivery& d,
                                      int status, Timestamp now) {
  outbox.record_success(d, status, now);
  return true;
}

Result<WebhookFailure> record_webhook_failure(const WebhookDeliveryPorts& ports,
                                              const DueWebhookDelivery& d,
                                              std::optional<int> status, const std::string& error,
                                              Timestamp now, double jitter) {
  auto next =
      next_delivery_attempt(d.attempts + 1, d.first_failed_at.value_or(now), now, jitter);
  auto f = ports.outbox.record_failure(d, status, error, now, next);
  if (f.endpoint_disabled)
    ports.audit.record(d.organization_id, "webhook.disable", "webhook", d.webhook_id);
  return f;
}

}  // namespace enlace::core
