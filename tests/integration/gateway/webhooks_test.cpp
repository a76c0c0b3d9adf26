// Webhooks against the real server and a real receiver on loopback that checks every
// signature with the Standard Webhooks scheme's own library (tests/contract/webhook_receiver).
#include "referral_network.hpp"
#include "support/webhook_receiver.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>
#include <memory>
#include <set>

using enlace::test::ReceivedWebhook;
using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
using enlace::test::WebhookReceiver;
namespace json = boost::json;

namespace {

ServerOptions allowing_private_addresses() {
  ServerOptions o;
  o.env["ENLACE_WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = "true";
  return o;
}

// Adds a webhook of `org` for the receiver's endpoint `name` and tells the receiver its
// secret; returns the webhook's id.
std::string add_webhook(ServerProcess& server, WebhookReceiver& receiver, const std::string& org,
                        const std::string& token, const std::string& name,
                        json::array events = {"referral.created"}) {
  auto r = server.post("/api/v1/organizations/" + org + "/webhooks",
                       json::object{{"url", receiver.url(name)}, {"events", std::move(events)}},
                       token);
  if (r.status != 201) throw std::runtime_error("webhook create failed: " + r.body);
  receiver.set_secret(name, std::string(r.json().at("secret").as_string()));
  return std::string(r.json().at("id").as_string());
}

std::string referral_of(const ReceivedWebhook& w) {
  return std::string(json::parse(w.body).at("data").at("referral_id").as_string());
}

std::vector<ReceivedWebhook> about(const std::vector<ReceivedWebhook>& all, const std::string& referral) {
  std::vector<ReceivedWebhook> out;
  for (const auto& w : all)
    if (referral_of(w) == referral) out.push_back(w);
  return out;
}

json::array deliveries(ServerProcess& server, const std::string& org, const std::string& hook,
                       const std::string& token) {
  auto r = server.get("/api/v1/organizations/" + org + "/webhooks/" + hook + "/deliveries", token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().at("items").as_array();
}

// The delivery log once the newest delivery had `attempts` attempts recorded (the receiver
// records a call before the server records its answer).
json::array deliveries_after(ServerProcess& server, const std::string& org, const std::string& hook,
                             const std::string& token, std::int64_t attempts) {
  json::array log;
  for (int i = 0; i < 100; ++i) {
    log = deliveries(server, org, hook, token);
    if (!log.empty() && log.at(0).at("attempts").as_int64() >= attempts) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return log;
}

class WebhooksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    receiver_ = new WebhookReceiver();
    net_ = new ReferralNetwork(allowing_private_addresses());
  }
  static void TearDownTestSuite() {
    delete net_;
    delete receiver_;
  }
  static ReferralNetwork* net_;
  static WebhookReceiver* receiver_;
};
ReferralNetwork* WebhooksTest::net_ = nullptr;
WebhookReceiver* WebhooksTest::receiver_ = nullptr;

TEST_F(WebhooksTest, ADeliveryIsSignedAsStandardWebhooksAndCarriesIdsAndStatesOnly) {
  auto& server = net_->server;
  auto create = server.post("/api/v1/organizations/o-ngo/webhooks",
                            json::object{{"url", receiver_->url("signed")},
                                         {"events", {"referral.created", "referral.updated"}}},
                            net_->ngo_admin);
  ASSERT_EQ(create.status, 201) << create.body;
  auto hook = create.json().as_object();
  std::string secret(hook.at("secret").as_string());
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_EQ(hook.at("status").as_string(), "active");
  receiver_->set_secret("signed", secret);
  std::string id(hook.at("id").as_string());

  // The secret is shown once: the listing has the webhook without it.
  auto list = server.get("/api/v1/organizations/o-ngo/webhooks", net_->ngo_admin);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_FALSE(list.json().at("items").at(0).as_object().contains("secret"));
  EXPECT_EQ(list.body.find(secret), std::string::npos);

  // Canaries: the case's personal fields must never reach another system.
  auto c = net_->create_case("Canaryname", "Canaryfamily");
  net_->consent(c);
  auto made = server.post("/api/v1/referrals", ReferralNetwork::referral_body(c), net_->cw);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string referral(made.json().at("id").as_string());

  auto got = about(receiver_->wait_for("signed", 1), referral);
  ASSERT_EQ(got.size(), 1u);
  const auto& w = got.front();
  EXPECT_TRUE(w.verified) << w.error;
  EXPECT_EQ(w.content_type, "application/json");
  EXPECT_EQ(w.id.rfind("msg_", 0), 0u) << w.id;
  auto body = json::parse(w.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "referral.created");
  EXPECT_TRUE(body.at("timestamp").is_string());
  std::set<std::string> keys;
  for (const auto& kv : body.at("data").as_object()) keys.insert(std::string(kv.key()));
  EXPECT_EQ(keys, (std::set<std::string>{"referral_id", "status", "version", "organization_id"}));
  EXPECT_EQ(body.at("data").at("organization_id").as_string(), "o-ngo");
  EXPECT_EQ(body.at("data").at("status").as_string(), "requested");
  for (const char* canary : {"Canaryname", "Canaryfamily", "1986-03-14", "917 555", "two children",
                             "shelter bed", "returnee"})
    EXPECT_EQ(w.body.find(canary), std::string::npos) << canary;

  // The delivery log shows it sent on the first attempt.
  auto log = deliveries_after(server, "o-ngo", id, net_->ngo_admin, 1);
  ASSERT_FALSE(log.empty());
  auto last = log.at(0).as_object();
  EXPECT_EQ(last.at("id").as_string(), w.id);
  EXPECT_EQ(last.at("type").as_string(), "referral.created");
  EXPECT_EQ(last.at("state").as_string(), "sent");
  EXPECT_EQ(last.at("attempts").as_int64(), 1);
  EXPECT_EQ(last.at("status_code").as_int64(), 200);
  EXPECT_TRUE(last.at("sent_at").is_string());

  // A change of state is announced too (referral.updated), signed the same way.
  auto moved = net_->move(referral, net_->ngo_partner, {{"to", "received"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  receiver_->wait_for("signed", 2);
  bool updated = false;
  for (const auto& u : about(receiver_->received("signed"), referral)) {
    EXPECT_TRUE(u.verified) << u.error;
    if (json::parse(u.body).at("type").as_string() == "referral.updated") updated = true;
  }
  EXPECT_TRUE(updated);

  EXPECT_EQ(server.del("/api/v1/organizations/o-ngo/webhooks/" + id, net_->ngo_admin).status, 204);
  EXPECT_EQ(server.get("/api/v1/organizations/o-ngo/webhooks", net_->ngo_admin)
                .json().at("items").as_array().size(), 0u);
}

TEST_F(WebhooksTest, AReceiverDownThenUpGetsEachEventOnceWithTheSameIdOnEveryRetry) {
  auto& server = net_->server;
  receiver_->set_status("flaky", 500);
  auto hook = add_webhook(server, *receiver_, "o-desk", net_->desk_admin, "flaky");
  auto referral = net_->referral();

  // The first attempt comes at once and fails.
  auto first = about(receiver_->wait_for("flaky", 1), referral);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].answered, 500);
  EXPECT_TRUE(first[0].verified) << first[0].error;
  auto log = deliveries_after(server, "o-desk", hook, net_->desk_admin, 1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.at(0).at("state").as_string(), "queued");
  EXPECT_EQ(log.at(0).at("status_code").as_int64(), 500);
  EXPECT_TRUE(log.at(0).at("next_attempt_at").is_string());

  // Nothing more before the retry falls due (10 s on the injected clock, plus jitter).
  server.advance_minutes(1);
  auto second = about(receiver_->wait_for("flaky", 2), referral);
  ASSERT_EQ(second.size(), 2u);
  // The receiver hears the call before the server reads the answer and the clock: the clock
  // moves only once the failure is recorded, or it is recorded at the later time and its
  // retry falls due after the wait below.
  ASSERT_EQ(deliveries_after(server, "o-desk", hook, net_->desk_admin, 2).at(0).at("attempts")
                .as_int64(), 2);

  // Up again: the next retry succeeds, and nothing comes after it.
  receiver_->set_status("flaky", 200);
  server.advance_minutes(2);
  auto all = about(receiver_->wait_for("flaky", 3), referral);
  ASSERT_EQ(all.size(), 3u);
  server.advance_minutes(60);
  net_->login_all();
  all = about(receiver_->wait_for("flaky", 4, 2000), referral);
  ASSERT_EQ(all.size(), 3u);
  int accepted = 0;
  for (const auto& w : all) {
    EXPECT_EQ(w.id, first[0].id);  // the same webhook-id on every retry
    EXPECT_TRUE(w.verified) << w.error;
    accepted += w.answered == 200;
  }
  EXPECT_EQ(accepted, 1);
  log = deliveries_after(server, "o-desk", hook, net_->desk_admin, 3);
  EXPECT_EQ(log.at(0).at("state").as_string(), "sent");
  EXPECT_EQ(log.at(0).at("attempts").as_int64(), 3);
  EXPECT_EQ(server.del("/api/v1/organizations/o-desk/webhooks/" + hook, net_->desk_admin).status, 204);
}

TEST_F(WebhooksTest, OnlyTheOrganisationsAdminsSeeOrChangeItsWebhooks) {
  auto& server = net_->server;
  auto hook = add_webhook(server, *receiver_, "o-ngo", net_->ngo_admin, "private");
  const std::string base = "/api/v1/organizations/o-ngo/webhooks";
  for (const auto* token : {&net_->third_admin, &net_->ngo_partner, &net_->ngo_cw, &net_->desk_admin,
                            &net_->root, &net_->coordinator, &net_->auditor}) {
    EXPECT_EQ(server.get(base, *token).status, 403);
    EXPECT_EQ(server.post(base, json::object{{"url", receiver_->url("x")}, {"events", {"referral.created"}}},
                          *token).status, 403);
    EXPECT_EQ(server.del(base + "/" + hook, *token).status, 403);
    EXPECT_EQ(server.get(base + "/" + hook + "/deliveries", *token).status, 403);
  }
  // Another organisation's webhook through one's own organisation: not there.
  EXPECT_EQ(server.del("/api/v1/organizations/o-third/webhooks/" + hook, net_->third_admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/organizations/o-third/webhooks/" + hook + "/deliveries",
                       net_->third_admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/organizations/o-nowhere/webhooks", net_->third_admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/organizations/o-third/webhooks", net_->third_admin)
                .json().at("items").as_array().size(), 0u);
  // Still there, unchanged.
  EXPECT_EQ(server.get(base, net_->ngo_admin).json().at("items").as_array().size(), 1u);
  EXPECT_EQ(server.del(base + "/" + hook, net_->ngo_admin).status, 204);
  EXPECT_EQ(server.del(base + "/" + hook, net_->ngo_admin).status, 404);
}

TEST_F(WebhooksTest, BadBodiesAreRefusedAndChangeNothing) {
  auto& server = net_->server;
  const std::string base = "/api/v1/organizations/o-ngo/webhooks";
  const json::object bad[] = {
      {{"url", "ftp://example.org/hook"}, {"events", {"referral.created"}}},
      {{"url", "https://user:pw@example.org/hook"}, {"events", {"referral.created"}}},
      {{"url", receiver_->url("x")}, {"events", {"referral.deleted"}}},
      {{"url", receiver_->url("x")}, {"events", json::array{}}},
      {{"url", receiver_->url("x")}, {"events", {"referral.created", "referral.created"}}},
      {{"url", receiver_->url("x")}, {"events", {"referral.created"}}, {"secret", "whsec_AAAA"}},
      {{"events", {"referral.created"}}},
  };
  for (const auto& body : bad) {
    auto r = server.post(base, body, net_->ngo_admin);
    EXPECT_TRUE(r.status == 422 || r.status == 400) << json::serialize(body) << " " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
  }
  EXPECT_EQ(server.get(base, net_->ngo_admin).json().at("items").as_array().size(), 0u);
}

// Addresses: a server with the default settings.
class WebhookAddressTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    enlace::test::insert_territory(server_->db_path(), "t-x", "X", "country");
    enlace::test::insert_organization(server_->db_path(), "o-a", "A", "t-x");
    server_->add_user("a-admin", {"org_admin"}, "o-a");
    token_ = new std::string(server_->login("a-admin"));
  }
  static void TearDownTestSuite() {
    delete token_;
    delete server_;
  }
  static ServerProcess* server_;
  static std::string* token_;
};
ServerProcess* WebhookAddressTest::server_ = nullptr;
std::string* WebhookAddressTest::token_ = nullptr;

TEST_F(WebhookAddressTest, LoopbackPrivateAndLinkLocalAddressesAreRefused) {
  for (const char* url :
       {"http://127.0.0.1:9/hook", "http://localhost/hook", "https://10.1.2.3/hook",
        "https://172.16.0.1/", "https://192.168.1.10/", "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook", "http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/",
        "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",
        "http://224.0.0.1/", "http://2130706433/"}) {
    auto r = server_->post("/api/v1/organizations/o-a/webhooks",
                           json::object{{"url", url}, {"events", {"referral.created"}}}, *token_);
    EXPECT_EQ(r.status, 422) << url << " " << r.body;
    EXPECT_NE(r.body.find("\"url\""), std::string::npos) << r.body;
  }
  EXPECT_EQ(server_->get("/api/v1/organizations/o-a/webhooks", *token_)
                .json().at("items").as_array().size(), 0u);
}

// A server of its own for what moves the clock by days or restarts it.
TEST(WebhookFailuresTest, AnEndpointFailingForThreeDaysIsDisabledAndItsAdminsTold) {
  WebhookReceiver receiver;
  ReferralNetwork net(allowing_private_addresses());
  auto& server = net.server;
  receiver.set_status("dead", 503);
  auto hook = add_webhook(server, receiver, "o-ngo", net.ngo_admin, "dead");
  auto referral = net.referral();
  ASSERT_EQ(about(receiver.wait_for("dead", 1), referral).size(), 1u);
  // The clock moves only once the server has recorded the failure: the receiver hears the call
  // before the server reads the answer, and a failure read after the move is dated after it,
  // so its retry would wait 10 s of a clock that no longer moves.
  deliveries_after(server, "o-ngo", hook, net.ngo_admin, 1);

  // Two days on it still tries (and the endpoint shows as failing).
  net.advance_minutes(48 * 60);
  ASSERT_EQ(about(receiver.wait_for("dead", 2), referral).size(), 2u);
  deliveries_after(server, "o-ngo", hook, net.ngo_admin, 2);
  auto list = server.get("/api/v1/organizations/o-ngo/webhooks", net.ngo_admin);
  EXPECT_EQ(list.json().at("items").at(0).at("status").as_string(), "failing");

  // Past three days of failures: disabled, the delivery failed, the disabling audited.
  net.advance_minutes(25 * 60);
  receiver.wait_for("dead", 3);
  list = server.get("/api/v1/organizations/o-ngo/webhooks", net.ngo_admin);
  bool disabled = false;
  for (int i = 0; i < 50 && !disabled; ++i) {
    list = server.get("/api/v1/organizations/o-ngo/webhooks", net.ngo_admin);
    disabled = list.json().at("items").at(0).at("status").as_string() == "disabled";
    if (!disabled) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(disabled) << list.body;
  EXPECT_TRUE(list.json().at("items").at(0).at("disabled_at").is_string());
  auto log = deliveries(server, "o-ngo", hook, net.ngo_admin);
  for (const auto& d : log) EXPECT_EQ(d.at("state").as_string(), "failed") << json::serialize(d);
  auto audit = server.get("/api/v1/audit?action=webhook.disable", net.auditor);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find(hook), std::string::npos) << audit.body;

  // A disabled endpoint hears nothing more.
  auto before = receiver.received("dead").size();
  auto later = net.referral();
  net.advance_minutes(5);
  EXPECT_EQ(about(receiver.wait_for("dead", before + 1, 2000), later).size(), 0u);
}

TEST(WebhookFailuresTest, AQueuedDeliverySurvivesARestartAndArrivesOnce) {
  WebhookReceiver receiver;
  ReferralNetwork net(allowing_private_addresses());
  auto& server = net.server;
  receiver.set_status("durable", 500);
  add_webhook(server, receiver, "o-ngo", net.ngo_admin, "durable");
  auto referral = net.referral();
  ASSERT_EQ(about(receiver.wait_for("durable", 1), referral).size(), 1u);

  // The receiver hears the call before the server reads the answer, so the kill may come
  // before the failure is recorded; then the restarted server sends again at once. The
  // endpoint is back before the restart so that whichever attempt comes next is the last.
  server.signal(SIGKILL);
  receiver.set_status("durable", 200);
  server.restart();
  net.advance_minutes(2);
  auto got = about(receiver.wait_for("durable", 2), referral);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, got[1].id);
  EXPECT_EQ(got[1].answered, 200);
  EXPECT_TRUE(got[1].verified) << got[1].error;
  net.advance_minutes(30);
  EXPECT_EQ(about(receiver.wait_for("durable", 3, 2000), referral).size(), 2u);
}

TEST(WebhookFailuresTest, TheAddressRuleHoldsAtDeliveryTimeToo) {
  WebhookReceiver receiver;
  ReferralNetwork net(allowing_private_addresses());
  auto& server = net.server;
  auto hook = add_webhook(server, receiver, "o-ngo", net.ngo_admin, "moved");
  // The same endpoint, now refused (as when its name came to resolve to an internal address).
  server.restart(ServerOptions{});
  net.login_all();
  auto referral = net.referral();
  auto log = deliveries_after(server, "o-ngo", hook, net.ngo_admin, 1);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.at(0).at("state").as_string(), "queued");
  EXPECT_NE(json::serialize(log.at(0).at("error")).find("non-public"), std::string::npos)
      << json::serialize(log);
  EXPECT_TRUE(receiver.received("moved").empty());
}

}  // namespace
