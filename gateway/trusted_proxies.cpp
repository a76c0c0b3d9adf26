// Trusted proxies and forwarded client addresses: see trusted_proxies.hpp.
#include "gateway/trusted_proxies.hpp"

#include <algorithm>
#include <cctype>

namespace enlace::gateway {

namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The comma-separated items of every header named `name`, in the order received.
std::vector<std::string_view> list_items(const Request& req, std::string_view name) {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : req.headers) {
    if (k != name) continue;
    std::string_view rest = v;
    for (;;) {
      auto comma = rest.find(',');
      out.push_back(trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

// An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 address.
ip::address unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  core::FieldErrors errors;
  for (const auto& raw : entries) {
    std::string entry(trim(raw));
    boost::system::error_code ec;
    if (entry.find('/') == std::string::npos) {
      auto a = ip::make_address(entry, ec);
      if (!ec) {
        a = unmapped(a);
        if (a.is_v4())
          out.v4_.emplace_back(a.to_v4(), 32);
        else
          out.v6_.emplace_back(a.to_v6(), 128);
        continue;
      }
    } else if (entry.find(':') == std::string::npos) {
      auto net = ip::make_network_v4(entry, ec);
      if (!ec) {
        out.v4_.push_back(net);
        continue;
      }
    } else {
      auto net = ip::make_network_v6(entry, ec);
      if (!ec) {
        out.v6_.push_back(net);
        continue;
      }
    }
    errors.add("trusted_proxies",
               "\"" + entry + "\" is not an IPv4 or IPv6 address or CIDR range (10.0.0.0/8, fd00::/8)");
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  auto a = unmapped(address);
  if (a.is_v4()) {
    return std::any_of(v4_.begin(), v4_.end(), [&](const ip::network_v4& n) {
      return ip::network_v4(a.to_v4(), n.prefix_length()).network() == n.network();
    });
  }
  return std::any_of(v6_.begin(), v6_.end(), [&](const ip::network_v6& n) {
    return ip::network_v6(a.to_v6(), n.prefix_length()).network() == n.network();
  });
}

bool TrustedProxies::contains(std::string_view address) const {
  if (empty()) return false;
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(address), ec);
  return !ec && contains(a);
}

void apply_forwarding(Request& req, const TrustedProxies& proxies) {
  if (!proxies.contains(req.remote_address)) return;

  // Walk the chain from the right: each trusted proxy appended the peer it saw, so the first
  // entry it did not vouch for is the client.
  auto chain = list_items(req, "x-forwarded-for");
  std::optional<ip::address> client;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    boost::system::error_code ec;
    auto a = ip::make_address(std::string(*it), ec);
    if (ec) {
      client.reset();  // a broken chain names nobody
      break;
    }
    client = unmapped(a);
    if (!proxies.contains(*client)) break;
  }
  if (client) req.remote_address = client->to_string();

  // The scheme the nearest proxy was reached by.
  auto proto = list_items(req, "x-forwarded-proto");
  if (!proto.empty()) {
    std::string p(proto.back());
    std::transform(p.begin(), p.end(), p.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (p == "https") req.https = true;
    if (p == "http") req.https = false;
  }
}

}  // namespace enlace::gateway
