// Client addresses behind a reverse proxy (issue 14, finding 3): X-Forwarded-For and
// X-Forwarded-Proto count only from `trusted_proxies`; then the audit log, the sessions list and
// the limits see the real client, and an https original gets a Secure cookie and HSTS.
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace enlace::test {
namespace {

namespace bj = boost::json;

class TrustedProxiesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions o;
    // 127.0.0.1 (where the test connects from by default) is the proxy; 127.0.0.2 is not.
    o.env = {{"ENLACE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, fd00::/8"}};
    server = new ServerProcess(o);
    ana_id = new std::string(server->add_user("ana", {"system_admin"}));
    server->add_user("auditor", {"auditor"});
    auditor = new std::string(server->login("auditor"));
  }
  static void TearDownTestSuite() {
    delete server;
    delete ana_id;
    delete auditor;
  }

  // Ana signs in from `source` with these extra headers.
  static HttpResponse sign_in(const std::string& source,
                              std::vector<std::pair<std::string, std::string>> headers) {
    HttpClient c(server->port(), source);
    headers.emplace_back("Content-Type", "application/json");
    return c.send({"POST", "/api/v1/auth/login", headers,
                   bj::serialize(bj::object{{"username", "ana"}, {"password", ServerProcess::kPassword}})});
  }
  // The address of Ana's newest sign-in as the audit log records it.
  static std::string audited_address() {
    auto r = server->get("/api/v1/audit?actor=" + *ana_id + "&action=auth.login&limit=1", *auditor);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("items").at(0).at("address").as_string());
  }
  // The address /me/sessions shows for the session of `login`.
  static std::string session_address(const HttpResponse& login) {
    auto token = std::string(login.json().at("token").as_string());
    auto r = server->get("/api/v1/me/sessions", token);
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& s : body.at("items").as_array())
      if (s.at("current").as_bool()) return std::string(s.at("address").as_string());
    return "";
  }

  static ServerProcess* server;
  static std::string* ana_id;
  static std::string* auditor;
};
ServerProcess* TrustedProxiesTest::server = nullptr;
std::string* TrustedProxiesTest::ana_id = nullptr;
std::string* TrustedProxiesTest::auditor = nullptr;

}  // namespace

TEST_F(TrustedProxiesTest, ForwardedHeadersFromAnUntrustedPeerAreIgnored) {
  auto r = sign_in("127.0.0.2", {{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(audited_address(), "127.0.0.2");
  EXPECT_EQ(session_address(r), "127.0.0.2");
  EXPECT_EQ(r.header("set-cookie").find("Secure"), std::string::npos);
  EXPECT_EQ(r.header("strict-transport-security"), "");
}

TEST_F(TrustedProxiesTest, ForwardedForFromATrustedProxyNamesTheClient) {
  // The client wrote the first entry itself; 10.1.2.3 is another trusted proxy in the chain.
  auto r = sign_in("127.0.0.1", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.7"},
                                 {"X-Forwarded-For", "10.1.2.3"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(audited_address(), "203.0.113.7");
  EXPECT_EQ(session_address(r), "203.0.113.7");
}

TEST_F(TrustedProxiesTest, AnIpv6ClientIsRecordedAsSuch) {
  auto r = sign_in("127.0.0.1", {{"X-Forwarded-For", "2001:db8::17"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(audited_address(), "2001:db8::17");
}

TEST_F(TrustedProxiesTest, AChainThatIsNotAnAddressLeavesThePeersAddress) {
  auto r = sign_in("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7, not-an-address"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(audited_address(), "127.0.0.1");
}

TEST_F(TrustedProxiesTest, HttpsAtATrustedProxyGivesASecureCookieAndHsts) {
  auto r = sign_in("127.0.0.1", {{"X-Forwarded-For", "203.0.113.8"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("set-cookie").find("; Secure"), std::string::npos) << r.header("set-cookie");
  EXPECT_NE(r.header("strict-transport-security").find("max-age="), std::string::npos);

  auto plain = sign_in("127.0.0.1", {{"X-Forwarded-Proto", "http"}});
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("set-cookie").find("Secure"), std::string::npos);
  EXPECT_EQ(plain.header("strict-transport-security"), "");
}

TEST(TrustedProxiesConfigTest, AnInvalidEntryStopsTheServerNamingIt) {
  TempDir dir;
  auto r = run_command({ServerProcess::binary(), "serve", "--db", dir.path() + "/x.db", "--check-config"}, "",
                       {{"ENLACE_TRUSTED_PROXIES", "10.0.0.0/8,10.0.0.0/33,proxy.example.org"}});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("trusted_proxies"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("10.0.0.0/33"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("proxy.example.org"), std::string::npos) << r.output;

  auto ok = run_command({ServerProcess::binary(), "serve", "--db", dir.path() + "/x.db", "--check-config"}, "",
                        {{"ENLACE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, fd00::/8"}});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"fd00::/8\"]"),
            std::string::npos)
      << ok.output;
}

}  // namespace enlace::test
