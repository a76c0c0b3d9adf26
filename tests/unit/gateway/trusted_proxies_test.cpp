// Tests gateway/trusted_proxies.cpp: parsing the setting, membership, and the client address
// and scheme taken from forwarded headers.
#include "gateway/trusted_proxies.hpp"

#include <gtest/gtest.h>

namespace enlace::gateway {
namespace {

TrustedProxies proxies(std::vector<std::string> entries) {
  auto p = TrustedProxies::parse(entries);
  EXPECT_TRUE(p);
  return p ? *p : TrustedProxies{};
}

Request from(const std::string& peer, Headers headers) {
  Request r;
  r.remote_address = peer;
  r.headers = std::move(headers);
  return r;
}

TEST(TrustedProxiesTest, AddressesAndRangesOfBothFamilies) {
  auto p = proxies({"127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1", " 192.168.1.0/24 "});
  EXPECT_TRUE(p.contains("127.0.0.1"));
  EXPECT_FALSE(p.contains("127.0.0.2"));
  EXPECT_TRUE(p.contains("10.255.0.1"));
  EXPECT_FALSE(p.contains("11.0.0.1"));
  EXPECT_TRUE(p.contains("192.168.1.77"));
  EXPECT_TRUE(p.contains("fd12:3456::1"));
  EXPECT_FALSE(p.contains("fe80::1"));
  EXPECT_TRUE(p.contains("::1"));
  EXPECT_TRUE(p.contains("::ffff:10.1.2.3")) << "an IPv4 peer on a dual-stack socket";
  EXPECT_FALSE(p.contains("unknown"));
  EXPECT_FALSE(TrustedProxies{}.contains("127.0.0.1"));
}

TEST(TrustedProxiesTest, InvalidEntriesAreRefusedEachQuoted) {
  auto p = TrustedProxies::parse({"10.0.0.0/8", "10.0.0.0/33", "proxy.local", "fd00::/129", "1.2.3.4/"});
  ASSERT_FALSE(p);
  const auto& items = p.error().fields.items();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].field, "trusted_proxies");
  EXPECT_NE(items[0].message.find("10.0.0.0/33"), std::string::npos);
  EXPECT_NE(items[1].message.find("proxy.local"), std::string::npos);
}

TEST(TrustedProxiesTest, TheRightmostUntrustedEntryIsTheClient) {
  auto p = proxies({"127.0.0.1", "10.0.0.0/8"});
  auto r = from("127.0.0.1", {{"x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.2"}});
  apply_forwarding(r, p);
  EXPECT_EQ(r.remote_address, "203.0.113.7");

  auto two_headers = from("127.0.0.1", {{"x-forwarded-for", "203.0.113.7"}, {"x-forwarded-for", "198.51.100.4"}});
  apply_forwarding(two_headers, p);
  EXPECT_EQ(two_headers.remote_address, "198.51.100.4");

  auto all_proxies = from("127.0.0.1", {{"x-forwarded-for", "10.0.0.3, 10.0.0.2"}});
  apply_forwarding(all_proxies, p);
  EXPECT_EQ(all_proxies.remote_address, "10.0.0.3");

  auto v6 = from("127.0.0.1", {{"x-forwarded-for", "2001:db8::1"}});
  apply_forwarding(v6, p);
  EXPECT_EQ(v6.remote_address, "2001:db8::1");
}

TEST(TrustedProxiesTest, UntrustedPeersAndBrokenChainsKeepThePeer) {
  auto p = proxies({"127.0.0.1"});
  auto untrusted = from("127.0.0.2", {{"x-forwarded-for", "203.0.113.7"}, {"x-forwarded-proto", "https"}});
  apply_forwarding(untrusted, p);
  EXPECT_EQ(untrusted.remote_address, "127.0.0.2");
  EXPECT_FALSE(untrusted.https);

  auto broken = from("127.0.0.1", {{"x-forwarded-for", "203.0.113.7, unknown"}});
  apply_forwarding(broken, p);
  EXPECT_EQ(broken.remote_address, "127.0.0.1");

  auto none = from("127.0.0.1", {});
  apply_forwarding(none, p);
  EXPECT_EQ(none.remote_address, "127.0.0.1");
}

TEST(TrustedProxiesTest, TheSchemeComesFromATrustedProxy) {
  auto p = proxies({"127.0.0.1"});
  auto https = from("127.0.0.1", {{"x-forwarded-proto", "HTTPS"}});
  apply_forwarding(https, p);
  EXPECT_TRUE(https.https);
  auto http = from("127.0.0.1", {{"x-forwarded-proto", "http"}});
  http.https = true;
  apply_forwarding(http, p);
  EXPECT_FALSE(http.https);
}

}  // namespace
}  // namespace enlace::gateway
