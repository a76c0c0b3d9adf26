// The webhook dispatcher's work (API.md, Webhooks), as its thread (gateway/webhook_dispatcher.cpp)
// runs it: committed live events become deliveries, the due ones are read, and the outcome of
// each POST (made, signed and sent by the gateway) is recorded here. A failed delivery waits on
// core/delivery_retry.hpp's schedule; an endpoint failing for 3 days is disabled, and the
// disabling is the system's audit event "webhook.disable", in the name of the webhook's
// organisation (whose org_admins see it on the webhook's status).
#pragma once

#include "core/ports/follow_up_store.hpp"
#include "core/ports/webhook_outbox.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// Whether live events wait to be turned into deliveries (a read snapshot).
Result<bool> webhook_events_waiting(WebhookOutboxReader& reader);

// Turns up to `limit` waiting live events into deliveries due at `now`; returns how many
// events it took (fewer than `limit`: none waits any more).
Result<std::size_t> fan_out_webhook_events(WebhookOutbox& outbox, const WebhookFanOut& make,
                                           Timestamp now, int limit);

// Up to `limit` deliveries due at `now` (a read snapshot).
Result<std::vector<DueWebhookDelivery>> due_webhook_deliveries(WebhookOutboxReader& reader,
                                                               Timestamp now, int limit);

// The receiver answered 2xx (`status`).
Result<bool> record_webhook_delivered(WebhookOutbox& outbox, const DueWebhookDelivery& d,
                                      int status, Timestamp now);

struct WebhookDeliveryPorts {
  WebhookOutbox& outbox;
  SystemAuditTrail& audit;
};

// The attempt failed (`status` when the receiver answered, `error` what went wrong): tried
// again later (`jitter` in [0, 1) spreads deliveries failing together), or given up after
// 72 h of failures; the endpoint failing for 3 days is disabled and that is audited.
Result<WebhookFailure> record_webhook_failure(const WebhookDeliveryPorts& ports,
                                              const DueWebhookDelivery& d,
                                              std::optional<int> status, const std::string& error,
                                              Timestamp now, double jitter);

}  // namespace enlace::core
