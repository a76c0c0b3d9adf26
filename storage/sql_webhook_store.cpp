// The webhook ports over SQL: see sql_webhook_store.hpp.
#include "storage/sql_webhook_store.hpp"

#include "storage/organization_repository.hpp"
#include "storage/webhook_repository.hpp"

namespace enlace::storage {

std::int64_t SqlWebhookStore::count_webhooks(const std::string& organization_id) {
  return WebhookRepository::count(tx_, organization_id);
}

core::WebhookRecord SqlWebhookStore::insert_webhook(const std::string& organization_id,
                                                    const core::WebhookDraft& d,
                                                    const std::string& created_by,
                                                    core::Timestamp now) {
  return WebhookRepository::insert(tx_, d.id, organization_id, d.url, d.events, d.secret,
                                   created_by, now);
}

core::Result<bool> SqlWebhookStore::remove_webhook(const std::string& organization_id,
                                                   const std::string& webhook_id) {
  return WebhookRepository::remove(tx_, organization_id, webhook_id);
}

bool SqlWebhookReader::organization_exists(const std::string& organization_id) {
  return OrganizationRepository::find(tx_, organization_id).has_value();
}

std::vector<core::WebhookRecord> SqlWebhookReader::webhooks(const std::string& organization_id) {
  return WebhookRepository::list(tx_, organization_id);
}

core::Result<std::vector<core::WebhookDeliveryRecord>> SqlWebhookReader::webhook_deliveries(
    const std::string& organization_id, const std::string& webhook_id) {
  return WebhookRepository::deliveries(tx_, organization_id, webhook_id);
}

}  // namespace enlace::storage
