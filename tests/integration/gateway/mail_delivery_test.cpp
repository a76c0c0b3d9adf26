// Delivery of queued mails when the SMTP server is away: retried on the one schedule
// (core/delivery_retry.hpp) read against the server's clock, each mail arriving exactly once
// when the server is back, across a restart of Enlace too; and no queue without smtp_url.
#include "referral_network.hpp"
#include "support/smtp_sink.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::SmtpSink;
namespace json = boost::json;

namespace {

ServerOptions mail_server(const SmtpSink& sink) {
  ServerOptions o;
  o.env["ENLACE_SMTP_URL"] = sink.url();
  o.env["ENLACE_MAIL_FROM"] = "enlace@network.example.org";
  o.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org";
  return o;
}

long long count(const ReferralNetwork& net, const std::string& where) {
  return enlace::test::query_int(net.server.db_path(),
                                 "SELECT count(*) FROM mail_outbox WHERE " + where);
}

// Waits (bounded) until every queued mail has failed at least once: the sender tried and the
// server was not there.
bool all_tried(const ReferralNetwork& net, long long n) {
  for (int i = 0; i < 400; ++i) {
    if (count(net, "state = 'queued' AND attempts >= 1") >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

class MailDeliveryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sink = new SmtpSink();
    net = new ReferralNetwork(mail_server(*sink));
    for (auto [token, address] : {std::pair{&net->ngo_partner, "partner@ngo.example.org"},
                                  std::pair{&net->ngo_admin, "admin@ngo.example.org"}}) {
      auto r = net->server.patch("/api/v1/me", json::object{{"email", address}}, *token);
      if (r.status != 200) throw std::runtime_error(r.body);
    }
  }
  static void TearDownTestSuite() {
    delete net;
    delete sink;
  }
  static inline SmtpSink* sink = nullptr;
  static inline ReferralNetwork* net = nullptr;
};

TEST_F(MailDeliveryTest, MailsQueuedWhileTheServerIsDownArriveExactlyOnceWhenItIsBack) {
  auto before = sink->messages().size();
  sink->stop();
  for (int i = 0; i < 3; ++i) net->referral();  // two mails each
  ASSERT_TRUE(all_tried(*net, 6)) << "the sender did not try";
  EXPECT_EQ(count(*net, "state = 'sent'"), static_cast<long long>(before));
  auto admin = net->server.get("/api/v1/admin/mail?state=queued", net->root).json();
  ASSERT_EQ(admin.at("items").as_array().size(), 6u);
  EXPECT_FALSE(admin.at("items").as_array()[0].at("last_error").is_null());
  auto metrics = net->server.get("/metrics").body;
  EXPECT_EQ(metrics.find("enlace_delivery_retries_total{channel=\"email\"} 0\n"), std::string::npos)
      << metrics;
  sink->start();
  // The first retry comes within 30 s of the failure on the server's clock.
  net->server.advance_minutes(1);
  auto got = sink->wait_for(before + 6);
  ASSERT_EQ(got.size(), before + 6);
  for (int i = 0; i < 200 && count(*net, "state = 'queued'") > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(count(*net, "state = 'queued'"), 0);
  // Another minute: nothing is sent twice.
  net->server.advance_minutes(1);
  net->referral();
  EXPECT_EQ(sink->wait_for(before + 8).size(), before + 8);
  std::set<std::string> ids;
  for (const auto& m : sink->messages()) ids.insert(std::string(m.headers.at("Message-ID").as_string()));
  EXPECT_EQ(ids.size(), before + 8);
}

TEST_F(MailDeliveryTest, QueuedMailsSurviveARestart) {
  auto before = sink->messages().size();
  sink->stop();
  net->referral();
  ASSERT_TRUE(all_tried(*net, 2));
  ASSERT_EQ(net->server.stop(), 0);
  sink->start();
  net->server.restart(mail_server(*sink));
  net->login_all();
  net->server.advance_minutes(1);
  EXPECT_EQ(sink->wait_for(before + 2).size(), before + 2);
  for (int i = 0; i < 200 && count(*net, "state = 'queued'") > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(count(*net, "state = 'queued'"), 0);
}

TEST(MailOffTest, WithoutSmtpUrlNothingIsQueued) {
  ReferralNetwork net;
  auto r = net.server.patch("/api/v1/me", json::object{{"email", "admin@ngo.example.org"}}, net.ngo_admin);
  ASSERT_EQ(r.status, 200) << r.body;
  net.referral();
  EXPECT_EQ(count(net, "1 = 1"), 0);
  EXPECT_EQ(net.server.get("/api/v1/admin/mail", net.root).json().at("items").as_array().size(), 0u);
}

}  // namespace
