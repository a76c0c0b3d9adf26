// Sending one webhook delivery over HTTP(S) with libcurl, and the address rule that guards it
// (docs/SECURITY.md, "Webhooks"). Blocking: only the webhook sender's own thread calls it.
#pragma once

#include <boost/asio/ip/address.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace enlace::gateway {

// Why these resolved addresses may not be reached, or nothing when they may. Every address a
// name resolves to must be public: a name that also resolves to an internal address is refused.
std::optional<std::string> refused_addresses(const std::vector<boost::asio::ip::address>& addrs,
                                             bool allow_private);

struct WebhookRequest {
  std::string url, id, timestamp, signature, body;
};

struct WebhookResponse {
  std::optional<int> status;  // the HTTP status, when one came back
  std::string error;          // empty on success; a fixed description, never request data
  bool delivered() const { return error.empty(); }
};

inline constexpr long kWebhookConnectTimeoutSeconds = 5;
inline constexpr long kWebhookTimeoutSeconds = 10;
inline constexpr std::size_t kWebhookMaxResponseBytes = 64 * 1024;

// POSTs the delivery. The host is resolved here, its addresses checked, and the connection
// pinned to the checked address (CURLOPT_RESOLVE), so that a DNS answer changed between the
// check and the connection cannot reach an internal address. No redirects, no proxies from the
// environment, bounded timeouts and response size; any 2xx is success. `stop` aborts a
// transfer in progress (shutdown).
WebhookResponse post_webhook(const WebhookRequest& req, bool allow_private,
                             const std::atomic<bool>& stop);

}  // namespace enlace::gateway
