// An organisation's webhooks (API.md, Webhooks): only its org_admins add, list and delete them
// and read their deliveries (core::can_manage_webhooks). Adding leaves "webhook.create",
// deleting "webhook.delete", on the webhook; a refusal rolls back and leaves no event (a
// webhook holds no personal data). Resolving the URL's host is the gateway's (it is I/O): it
// happens between the caller's check and create_webhook.
#pragma once

#include "core/ports/audit_trail.hpp"
#include "core/ports/webhook_store.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::core {

struct WebhookPorts {
  WebhookStore& store;
  AuditTrail& audit;
};

// Whether `actor` may manage the organisation's webhooks: true, or not_found for an
// organisation that does not exist, forbidden for one they do not administer. Reads only when
// the actor is not its org_admin.
Result<bool> check_webhook_manager(WebhookReader& reader, const Actor& actor,
                                   const std::string& organization_id);

// POST: forbidden, then conflict "too-many-webhooks" at kMaxWebhooksPerOrganization.
Result<WebhookRecord> create_webhook(const WebhookPorts& ports, const Actor& actor,
                                     const std::string& organization_id, const WebhookDraft& draft,
                                     Timestamp now);

// DELETE: forbidden, then not_found for a webhook that is not the organisation's.
Result<bool> delete_webhook(const WebhookPorts& ports, const Actor& actor,
                            const std::string& organization_id, const std::string& webhook_id);

// GET: the organisation's webhooks.
Result<std::vector<WebhookRecord>> list_webhooks(WebhookReader& reader, const Actor& actor,
                                                 const std::string& organization_id);

// GET .../deliveries: the webhook's last deliveries, newest first.
Result<std::vector<WebhookDeliveryRecord>> list_webhook_deliveries(
    WebhookReader& reader, const Actor& actor, const std::string& organization_id,
    const std::string& webhook_id);

}  // namespace enlace::core
