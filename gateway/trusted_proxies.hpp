// The `trusted_proxies` setting: the peers (addresses or CIDR ranges, IPv4 and IPv6) whose
// X-Forwarded-For and X-Forwarded-Proto say who the client is and how it connected. From any
// other peer those headers are ignored: anyone can send them.
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // Each entry an address ("10.0.0.5", "::1") or a range ("10.0.0.0/8", "fd00::/8"). An
  // invalid entry is an error on the field "trusted_proxies" that quotes it.
  static core::Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool contains(const boost::asio::ip::address& address) const;
  bool contains(std::string_view address) const;  // false for anything but an IP address
  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// When the request's peer is a trusted proxy: the client address becomes the rightmost
// X-Forwarded-For entry that is not itself a trusted proxy (entries left of it were written by
// the client and prove nothing), and `https` follows X-Forwarded-Proto. Otherwise, or when the
// chain holds something that is not an address, the request keeps its peer and scheme.
void apply_forwarding(Request& req, const TrustedProxies& proxies);

}  // namespace enlace::gateway
