// The rules of webhooks that need no I/O: which URLs and addresses an endpoint may have, which
// events it may ask for, and when an endpoint that keeps failing is disabled.
#pragma once

#include "core/delivery_retry.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

// The events a webhook may subscribe to: the live event names (API.md).
inline constexpr std::array<std::string_view, 4> kWebhookEvents = {
    "referral.created", "referral.updated", "referral.message", "referral.overdue"};

inline constexpr std::size_t kMaxWebhookUrlLength = 2000;
inline constexpr std::size_t kMaxWebhooksPerOrganization = 20;

// The parts of an endpoint URL the sender needs. Only http and https; no user information
// (a password in a URL would be shown to every org_admin and in logs).
struct WebhookUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // a name, or an address literal without brackets
  int port = 0;        // the scheme's default when the URL names none
};
// Error::invalid naming `url` when the URL is not one an endpoint may have.
Result<WebhookUrl> parse_webhook_url(std::string_view url);

// Checks a list of event names: known, no repeats, at least one. Errors name `events[i]`.
Result<std::vector<std::string>> check_webhook_events(const std::vector<std::string>& events);

// An address in network byte order: 4 bytes (IPv4) or 16 (IPv6).
// True for addresses a webhook may not reach unless private addresses are allowed: loopback,
// private (RFC 1918, unique local fc00::/7), link-local, unspecified, multicast, broadcast,
// CGNAT (100.64.0.0/10), "this network" (0.0.0.0/8), reserved (240.0.0.0/4), documentation
// and benchmarking ranges, and IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96,
// NAT64 64:ff9b::/96, 6to4 2002::/16, compatible ::/96) of any of those.
bool is_non_public_address(std::span<const std::uint8_t> address);

// Webhooks carry the organisation's referral events of both boxes, as its org_admin hears them
// on the event stream (core::live_event_scope); only its org_admins add, list or delete them
// and read their deliveries.
bool can_manage_webhooks(const Actor& a, std::string_view organization_id);

// An endpoint failing since `failing_since` is disabled once this is true at `now`: as long
// as one delivery keeps being retried (kGiveUpAfter, 3 days).
inline bool webhook_endpoint_given_up(Timestamp failing_since, Timestamp now) {
  return now - failing_since >= kGiveUpAfter;
}

}  // namespace enlace::core
