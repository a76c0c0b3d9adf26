// An organisation's webhooks: see webhooks.hpp.
#include "core/use_cases/webhooks.hpp"

#include "core/webhook_rules.hpp"

namespace enlace::core {

Result<bool> check_webhook_manager(WebhookReader& reader, const Actor& actor,
                                   const std::string& organization_id) {
  if (can_manage_webhooks(actor, organization_id)) return true;
  if (!reader.organization_exists(organization_id)) return Error::not_found("organisation");
  return Error::forbidden();
}

Result<WebhookRecord> create_webhook(const WebhookPorts& ports, const Actor& actor,
                                     const std::string& organization_id, const WebhookDraft& draft,
                                     Timestamp now) {
  if (!can_manage_webhooks(actor, organization_id)) return Error::forbidden();
  if (ports.store.count_webhooks(organization_id) >=
      static_cast<std::int64_t>(kMaxWebhooksPerOrganization))
    return Error::conflict("too-many-webhooks",
                           "This organisation has as many webhooks as it may have.");
  auto saved = ports.store.insert_webhook(organization_id, draft, actor.user_id, now);
  ports.audit.record("webhook.create", "webhook", draft.id);
  return saved;
}

Result<bool> delete_webhook(const WebhookPorts& ports, const Actor& actor,
                            const std::string& organization_id, const std::string& webhook_id) {
  if (!can_manage_webhooks(actor, organization_id)) return Error::forbidden();
  auto removed = ports.store.remove_webhook(organization_id, webhook_id);
  if (!removed) return removed.error();
  ports.audit.record("webhook.delete", "webhook", webhook_id);
  return true;
}

Result<std::vector<WebhookRecord>> list_webhooks(WebhookReader& reader, const Actor& actor,
                                                 const std::string& organization_id) {
  auto may = check_webhook_manager(reader, actor, organization_id);
  if (!may) return may.error();
  return reader.webhooks(organization_id);
}

Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(
    WebhookReader& reader, const Actor& actor, const std::string& organization_id,
    const std::string& webhook_id) {
  auto may = check_webhook_manager(reader, actor, organization_id);
  if (!may) return may.error();
  return reader.webhook_deliveries(organization_id, webhook_id);
}

}  // namespace enlace::core
