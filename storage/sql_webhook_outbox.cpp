// The webhook dispatcher's ports over SQL: see sql_webhook_outbox.hpp.
#include "storage/sql_webhook_outbox.hpp"

#include "storage/webhook_repository.hpp"

namespace enlace::storage {

std::size_t SqlWebhookOutbox::fan_out(const core::WebhookFanOut& make, core::Timestamp now,
                                      int limit) {
  return WebhookRepository::fan_out(tx_, make, now, limit);
}

void SqlWebhookOutbox::record_success(const core::DueWebhookDelivery& d, int status,
                                      core::Timestamp now) {
  WebhookRepository::record_success(tx_, d, status, now);
}

core::WebhookFailure SqlWebhookOutbox::record_failure(const core::DueWebhookDelivery& d,
                                                      std::optional<int> status,
                                                      const std::string& error,
                                                      core::Timestamp now,
                                                      std::optional<core::Timestamp> next) {
  return WebhookRepository::record_failure(tx_, d, status, error, now, next);
}

bool SqlWebhookOutboxReader::has_new_events() { return WebhookRepository::has_new_events(tx_); }

std::vector<core::DueWebhookDelivery> SqlWebhookOutboxReader::due_deliveries(core::Timestamp now,
                                                                             int limit) {
  return WebhookRepository::due(tx_, now, limit);
}

}  // namespace enlace::storage
