#include "core/webhook_rules.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace enlace::core;
using namespace std::chrono_literals;

namespace {

std::array<std::uint8_t, 4> v4(int a, int b, int c, int d) {
  return {std::uint8_t(a), std::uint8_t(b), std::uint8_t(c), std::uint8_t(d)};
}

std::array<std::uint8_t, 16> v6(std::initializer_list<int> head, std::initializer_list<int> tail = {}) {
  std::array<std::uint8_t, 16> out{};
  std::size_t i = 0;
  for (int b : head) out[i++] = std::uint8_t(b);
  i = 16 - tail.size();
  for (int b : tail) out[i++] = std::uint8_t(b);
  return out;
}

}  // namespace

TEST(WebhookRules, UrlsAreHttpOrHttpsWithAHostAndNoUserInformation) {
  auto ok = parse_webhook_url("HTTPS://Hooks.Example.org/enlace?x=1");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->scheme, "https");
  EXPECT_EQ(ok->host, "hooks.example.org");
  EXPECT_EQ(ok->port, 443);
  auto port = parse_webhook_url("http://[2001:db8::1]:8080/x");
  ASSERT_TRUE(port);
  EXPECT_EQ(port->host, "2001:db8::1");
  EXPECT_EQ(port->port, 8080);
  for (const char* bad : {"", "ftp://example.org/", "example.org/hook", "https://", "https:///x",
                          "https://user:pw@example.org/", "https://example.org:0/",
                          "https://example.org:65536/", "https://exa mple.org/",
                          "https://example.org/\n", "https://[::1/", "https://ex_ample.org/",
                          "file:///etc/passwd", "gopher://example.org/"})
    EXPECT_FALSE(parse_webhook_url(bad)) << bad;
  EXPECT_FALSE(parse_webhook_url("https://example.org/" + std::string(kMaxWebhookUrlLength, 'a')));
}

TEST(WebhookRules, EventsAreKnownAndNotRepeated) {
  EXPECT_TRUE(check_webhook_events({"referral.created", "referral.overdue"}));
  EXPECT_FALSE(check_webhook_events({}));
  EXPECT_FALSE(check_webhook_events({"referral.created", "referral.created"}));
  auto unknown = check_webhook_events({"referral.created", "case.read"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.items().at(0).field, "events[1]");
}

TEST(WebhookRules, NonPublicIpv4AddressesAreRecognised) {
  for (auto a : {v4(127, 0, 0, 1), v4(10, 9, 8, 7), v4(172, 16, 0, 1), v4(172, 31, 255, 255),
                 v4(192, 168, 0, 1), v4(169, 254, 169, 254), v4(0, 0, 0, 0), v4(100, 64, 0, 1),
                 v4(100, 127, 255, 255), v4(224, 0, 0, 1), v4(255, 255, 255, 255),
                 v4(192, 0, 2, 1), v4(198, 18, 0, 1)})
    EXPECT_TRUE(is_non_public_address(a)) << int(a[0]) << "." << int(a[1]);
  for (auto a : {v4(8, 8, 8, 8), v4(172, 32, 0, 1), v4(100, 128, 0, 1), v4(1, 1, 1, 1),
                 v4(192, 169, 0, 1)})
    EXPECT_FALSE(is_non_public_address(a)) << int(a[0]) << "." << int(a[1]);
}

TEST(WebhookRules, NonPublicIpv6AddressesAndEmbeddedIpv4AreRecognised) {
  EXPECT_TRUE(is_non_public_address(v6({}, {1})));                         // ::1
  EXPECT_TRUE(is_non_public_address(v6({})));                              // ::
  EXPECT_TRUE(is_non_public_address(v6({0xfe, 0x80}, {1})));               // fe80::1
  EXPECT_TRUE(is_non_public_address(v6({0xfd, 0}, {1})));                  // fd00::1
  EXPECT_TRUE(is_non_public_address(v6({0xff, 0x02}, {1})));               // ff02::1
  EXPECT_TRUE(is_non_public_address(v6({0x20, 0x01, 0x0d, 0xb8}, {1})));   // 2001:db8::1
  EXPECT_TRUE(is_non_public_address(v6({}, {0xff, 0xff, 127, 0, 0, 1})));  // ::ffff:127.0.0.1
  EXPECT_TRUE(is_non_public_address(v6({0, 0x64, 0xff, 0x9b}, {10, 0, 0, 1})));  // NAT64
  EXPECT_TRUE(is_non_public_address(v6({0x20, 0x02, 192, 168, 0, 1})));   // 6to4 of 192.168.0.1
  EXPECT_FALSE(is_non_public_address(v6({}, {0xff, 0xff, 8, 8, 8, 8})));  // ::ffff:8.8.8.8
  EXPECT_FALSE(is_non_public_address(v6({0x20, 0x01, 0x48, 0x60}, {0x88, 0x88})));  // 2001:4860::8888
  EXPECT_FALSE(is_non_public_address(v6({0x20, 0x02, 8, 8, 8, 8})));
  std::array<std::uint8_t, 5> odd{};
  EXPECT_TRUE(is_non_public_address(odd));
}

TEST(WebhookRules, AnEndpointIsGivenUpAfterThreeDaysOfFailures) {
  const Timestamp t0 = from_millis(1'800'000'000'000);
  EXPECT_FALSE(webhook_endpoint_given_up(t0, t0 + 71h));
  EXPECT_TRUE(webhook_endpoint_given_up(t0, t0 + 72h));
}
