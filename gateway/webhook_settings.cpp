// Webhook settings and metrics: see webhook_settings.hpp.
#include "gateway/webhook_settings.hpp"

#include "gateway/app.hpp"

namespace enlace::gateway {

bool webhooks_may_reach_private_addresses(const App& app) {
  return app.config.webhook_allow_private_addresses;
}

DeliveryStats& webhook_delivery_stats(App& app) { return app.metrics.delivery("webhook"); }

}  // namespace enlace::gateway
