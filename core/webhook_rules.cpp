// Webhook rules: see webhook_rules.hpp.
#include "core/webhook_rules.hpp"

#include "core/access_policy.hpp"

#include <algorithm>
#include <cctype>

namespace enlace::core {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error bad_url(std::string message) { return Error::invalid_field("url", std::move(message)); }

bool host_char(char c, bool bracketed) {
  unsigned char u = static_cast<unsigned char>(c);
  if (std::isalnum(u) || c == '-' || c == '.') return true;
  return bracketed && c == ':';
}

bool in_v4(const std::uint8_t* a, std::uint32_t net, int bits) {
  std::uint32_t v = (std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) |
                    (std::uint32_t{a[2]} << 8) | std::uint32_t{a[3]};
  std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return (v & mask) == (net & mask);
}

constexpr std::uint32_t v4(int a, int b, int c, int d) {
  return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) |
         std::uint32_t(d);
}

bool non_public_v4(const std::uint8_t* a) {
  struct Range {
    std::uint32_t net;
    int bits;
  };
  static constexpr Range kRanges[] = {
      {v4(0, 0, 0, 0), 8},        // "this network", unspecified
      {v4(10, 0, 0, 0), 8},       // private
      {v4(100, 64, 0, 0), 10},    // CGNAT
      {v4(127, 0, 0, 0), 8},      // loopback
      {v4(169, 254, 0, 0), 16},   // link-local (cloud metadata lives here)
      {v4(172, 16, 0, 0), 12},    // private
      {v4(192, 0, 0, 0), 24},     // IETF protocol assignments
      {v4(192, 0, 2, 0), 24},     // documentation
      {v4(192, 88, 99, 0), 24},   // 6to4 relay anycast
      {v4(192, 168, 0, 0), 16},   // private
      {v4(198, 18, 0, 0), 15},    // benchmarking
      {v4(198, 51, 100, 0), 24},  // documentation
      {v4(203, 0, 113, 0), 24},   // documentation
      {v4(224, 0, 0, 0), 4},      // multicast
      {v4(240, 0, 0, 0), 4},      // reserved, broadcast
  };
  return std::any_of(std::begin(kRanges), std::end(kRanges),
                     [a](const Range& r) { return in_v4(a, r.net, r.bits); });
}

bool prefix_is(const std::uint8_t* a, std::initializer_list<std::uint8_t> bytes) {
  return std::equal(bytes.begin(), bytes.end(), a);
}

}  // namespace

bool can_manage_webhooks(const Actor& a, std::string_view organization_id) {
  return acts_for(a, Role::org_admin, organization_id);
}

Result<WebhookUrl> parse_webhook_url(std::string_view url) {
  if (url.empty()) return bad_url("must not be empty");
  if (url.size() > kMaxWebhookUrlLength) return bad_url("is too long");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || static_cast<unsigned char>(c) >= 0x80)
      return bad_url("must not contain spaces, control or non-ASCII characters");
  WebhookUrl out;
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return bad_url("must start with https:// or http://");
  out.scheme = lower(url.substr(0, sep));
  if (out.scheme != "https" && out.scheme != "http")
    return bad_url("must start with https:// or http://");
  auto rest = url.substr(sep + 3);
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos)
    return bad_url("must not contain a user name or password");
  std::string_view host, port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("has an unclosed [");
    host = authority.substr(1, close - 1);
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url("has an invalid host");
      port = after.substr(1);
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) { return host_char(c, true); }))
      return bad_url("has an invalid host");
  } else {
    auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) { return host_char(c, false); }))
      return bad_url("has an invalid host");
  }
  out.host = lower(host);
  if (port.empty()) {
    out.port = out.scheme == "https" ? 443 : 80;
  } else {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(),
                                        [](char c) { return c >= '0' && c <= '9'; }))
      return bad_url("has an invalid port");
    out.port = std::stoi(std::string(port));
    if (out.port < 1 || out.port > 65535) return bad_url("has an invalid port");
  }
  return out;
}

Result<std::vector<std::string>> check_webhook_events(const std::vector<std::string>& events) {
  FieldErrors errors;
  if (events.empty()) errors.add("events", "must name at least one event");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (std::find(kWebhookEvents.begin(), kWebhookEvents.end(), e) == kWebhookEvents.end())
      errors.add("events[" + std::to_string(i) + "]", "is not a known event");
    else if (std::find(out.begin(), out.end(), e) != out.end())
      errors.add("events[" + std::to_string(i) + "]", "is repeated");
    else
      out.push_back(e);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

bool is_non_public_address(std::span<const std::uint8_t> a) {
  if (a.size() == 4) return non_public_v4(a.data());
  if (a.size() != 16) return true;  // not an address we know how to judge: refuse it
  const std::uint8_t* p = a.data();
  // IPv6 forms that embed an IPv4 address: judged by that address.
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr std::uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  static constexpr std::uint8_t kZero[12] = {};
  if (std::equal(kMapped, kMapped + 12, p) || std::equal(kNat64, kNat64 + 12, p))
    return non_public_v4(p + 12);
  if (std::equal(kZero, kZero + 12, p)) return true;  // ::, ::1 and IPv4-compatible: never public
  if (prefix_is(p, {0x20, 0x02})) return non_public_v4(p + 2);  // 6to4
  if ((p[0] & 0xfe) == 0xfc) return true;                       // unique local fc00::/7
  if (p[0] == 0xfe && (p[1] & 0xc0) == 0x80) return true;       // link-local fe80::/10
  if (p[0] == 0xfe && (p[1] & 0xc0) == 0xc0) return true;       // site-local fec0::/10 (deprecated)
  if (p[0] == 0xff) return true;                                // multicast
  if (prefix_is(p, {0x20, 0x01, 0x0d, 0xb8})) return true;      // documentation 2001:db8::/32
  if (prefix_is(p, {0x01, 0x00, 0, 0, 0, 0, 0, 0})) return true;  // discard-only 100::/64
  return false;
}

}  // namespace enlace::core
