// What webhooks take from the server's settings and metrics, in one place.
#pragma once

#include "gateway/metrics.hpp"

namespace enlace::gateway {

class App;

// `webhook_allow_private_addresses` (docs/SECURITY.md, "Webhooks: outbound requests").
bool webhooks_may_reach_private_addresses(const App& app);
// The webhook channel's queue and counters (enlace_delivery_*{channel="webhook"}).
DeliveryStats& webhook_delivery_stats(App& app);

}  // namespace enlace::gateway
