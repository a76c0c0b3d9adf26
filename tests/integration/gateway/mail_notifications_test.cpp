// E-mail notifications against the real server and a real SMTP server on loopback
// (python3-aiosmtpd): who is mailed, in which language, with what (never a person's field),
// the preferences, the digest, the admin's queue and the metrics.
#include "referral_network.hpp"
#include "support/smtp_sink.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

using enlace::test::ReferralNetwork;
using enlace::test::SmtpMessage;
using enlace::test::SmtpSink;
namespace json = boost::json;

namespace enlace::test {

// The server of a mail test: mails go to `sink`; links point at the public URL.
inline ServerOptions mail_options(const SmtpSink& sink) {
  ServerOptions o;
  o.env["ENLACE_SMTP_URL"] = sink.url();
  o.env["ENLACE_MAIL_FROM"] = "enlace@network.example.org";
  o.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org";
  return o;
}

// Gives each account an address (and a language) through PATCH /me, as its holder would.
inline void set_address(ServerProcess& server, const std::string& token, const std::string& email,
                        const std::string& language = "") {
  json::object body{{"email", email}};
  if (!language.empty()) body["language"] = language;
  auto r = server.patch("/api/v1/me", body, token);
  if (r.status != 200) throw std::runtime_error("PATCH /me failed: " + r.body);
}

}  // namespace enlace::test

namespace {

using enlace::test::mail_options;
using enlace::test::set_address;

class MailNotificationsTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    sink = new SmtpSink();
    net = new ReferralNetwork(mail_options(*sink));
    addresses();
  }
  static void TearDownTestSuite() {
    delete net;
    delete sink;
  }
  // Sessions end when the clock moves: addresses are set once, tokens are renewed.
  static void addresses() {
    set_address(net->server, net->cw, "cw@desk.example.org", "en");
    set_address(net->server, net->ngo_partner, "partner@ngo.example.org", "fr");
    set_address(net->server, net->ngo_admin, "admin@ngo.example.org");  // default language
    set_address(net->server, net->ngo_cw, "cw@ngo.example.org", "pt");
    set_address(net->server, net->third_partner, "partner@third.example.org", "ht");
    set_address(net->server, net->desk_admin, "admin@desk.example.org", "fil");
  }
  static inline SmtpSink* sink = nullptr;
  static inline ReferralNetwork* net = nullptr;
};

// The mails to `address` with this subject, waiting (bounded) for at least one.
std::vector<SmtpMessage> with_subject(const std::string& address, const std::string& subject,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<SmtpMessage> out;
    for (auto& m : MailNotificationsTest::sink->to(address))
      if (m.subject == subject) out.push_back(std::move(m));
    if (!out.empty() || std::chrono::steady_clock::now() >= deadline) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string all_of(const SmtpMessage& m) { return m.subject + "\n" + m.text + "\n" + m.html + "\n" + m.raw; }

TEST_F(MailNotificationsTest, ANewReferralMailsTheReceivingOrganisationInEachReadersLanguage) {
  auto before_partner = sink->to("partner@ngo.example.org").size();
  auto before_admin = sink->to("admin@ngo.example.org").size();
  auto before_cw = sink->to("cw@desk.example.org").size();
  net->referral();
  auto partner = sink->wait_for("partner@ngo.example.org", before_partner + 1);
  auto admin = sink->wait_for("admin@ngo.example.org", before_admin + 1);
  ASSERT_EQ(partner.size(), before_partner + 1);
  ASSERT_EQ(admin.size(), before_admin + 1);
  const auto& fr = partner.back();
  EXPECT_EQ(fr.subject, "Enlace : nouvelle orientation reçue");
  EXPECT_NE(fr.text.find("Diocese shelter"), std::string::npos) << fr.text;
  EXPECT_NE(fr.text.find("Élevée"), std::string::npos) << fr.text;      // urgency high
  EXPECT_NE(fr.text.find("Demandée"), std::string::npos) << fr.text;    // state requested
  EXPECT_NE(fr.text.find("https://enlace.example.org"), std::string::npos);
  EXPECT_NE(fr.html.find("<a href=\"https://enlace.example.org\">"), std::string::npos) << fr.html;
  EXPECT_EQ(fr.content_type, "multipart/alternative");
  for (auto h : {"Date", "Message-ID", "MIME-Version", "From", "To", "Subject"})
    EXPECT_TRUE(fr.headers.contains(h)) << h;
  EXPECT_EQ(admin.back().subject, "Enlace: nueva derivación recibida");  // default_language es
  // The sender made it (and caseworkers do not hear of creations); no one outside hears.
  EXPECT_EQ(sink->to("cw@desk.example.org").size(), before_cw);
  EXPECT_TRUE(sink->to("partner@third.example.org").empty());
  EXPECT_TRUE(sink->to("cw@ngo.example.org").empty());  // a caseworker of the receiver
}

TEST_F(MailNotificationsTest, AnswersReachTheSendingCaseworkerAndRefusedMovesSendNothing) {
  auto admin_before = sink->to("admin@ngo.example.org").size();
  auto id = net->referral();
  sink->wait_for("admin@ngo.example.org", admin_before + 1);
  auto before = sink->to("cw@desk.example.org").size();
  // Refused: the sender may not complete it; nothing committed, nothing announced.
  auto refused = net->move(id, net->cw, {{"to", "completed"}, {"outcome", "service_provided"}});
  ASSERT_GE(refused.status, 400);
  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "accepted"}}).status, 200);
  auto cw = sink->wait_for("cw@desk.example.org", before + 1);
  ASSERT_EQ(cw.size(), before + 1);
  EXPECT_EQ(cw.back().subject, "Enlace: a referral changed state");
  EXPECT_NE(cw.back().text.find("Accepted"), std::string::npos) << cw.back().text;
  // The one mail queued for the caseworker is the accepted state's, and it is sent.
  EXPECT_EQ(enlace::test::query_int(net->server.db_path(),
                                    "SELECT count(*) FROM mail_outbox WHERE referral_id = '" + id +
                                        "' AND event = 'referral.updated'"),
            1);
  // A message from the receiver reaches the caseworker too.
  ASSERT_EQ(net->server.post("/api/v1/referrals/" + id + "/messages",
                             json::object{{"body", "We have a bed."}}, net->ngo_partner).status,
            201);
  cw = sink->wait_for("cw@desk.example.org", before + 2);
  ASSERT_EQ(cw.size(), before + 2);
  EXPECT_EQ(cw.back().subject, "Enlace: new message on a referral");
}

TEST_F(MailNotificationsTest, NoMailCarriesAnyFieldOfTheCaseOrTheReferral) {
  const std::string given = "Zqcanarygiven", family = "Zqcanaryfamily";
  auto cw_before = sink->to("cw@desk.example.org").size();
  auto c = net->create_case(given, family);
  net->consent(c);
  auto body = ReferralNetwork::referral_body(c);
  body["reason"] = "Zqcanaryreason the family fled";
  auto r = net->server.post("/api/v1/referrals", body, net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id(r.json().at("id").as_string());
  ASSERT_EQ(net->server.post("/api/v1/referrals/" + id + "/messages",
                             json::object{{"body", "Zqcanarymessage call her"}}, net->ngo_partner)
                .status,
            201);
  ASSERT_EQ(net->move(id, net->ngo_partner,
                      {{"to", "rejected"}, {"reason_code", "no_capacity"},
                       {"reason", "Zqcanaryrejection"}})
                .status,
            200);
  // Two for the receiving organisation, the message and the rejection for the caseworker.
  auto cw = sink->wait_for("cw@desk.example.org", cw_before + 2);
  ASSERT_EQ(cw.size(), cw_before + 2);
  auto all = sink->messages();
  for (const auto& m : all)
    for (auto canary : {"Zqcanary", "Maricel", "Dela Cruz", "+63 917", "1986-03-14",
                        "two children", "survivor"})
      EXPECT_EQ(all_of(m).find(canary), std::string::npos) << canary << " in " << m.subject;
}

TEST_F(MailNotificationsTest, PreferencesHaveRoleDefaultsAndRefuseUnknownValues) {
  auto partner = net->server.get("/api/v1/me/notifications", net->ngo_partner);
  ASSERT_EQ(partner.status, 200) << partner.body;
  EXPECT_EQ(json::serialize(partner.json()),
            R"({"email":{"referral.created":"immediate","referral.updated":"off","referral.message":"off","referral.overdue":"immediate","digest":"daily"}})");
  auto cw = net->server.get("/api/v1/me/notifications", net->cw).json().at("email");
  EXPECT_EQ(cw.at("referral.created").as_string(), "off");
  EXPECT_EQ(cw.at("referral.updated").as_string(), "immediate");
  EXPECT_EQ(cw.at("referral.message").as_string(), "immediate");
  EXPECT_EQ(cw.at("referral.overdue").as_string(), "immediate");
  auto bad = net->server.put("/api/v1/me/notifications",
                             json::object{{"email", {{"referral.created", "hourly"}}}},
                             net->ngo_partner);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(net->server.put("/api/v1/me/notifications",
                            json::object{{"email", {{"referral.deleted", "off"}}}}, net->ngo_partner)
                .status,
            422);
  EXPECT_EQ(net->server.get("/api/v1/me/notifications", net->ngo_partner).body, partner.body);
}

TEST_F(MailNotificationsTest, AccountsCarryEmailAndLanguage) {
  auto me = net->server.get("/api/v1/me", net->ngo_partner).json();
  EXPECT_EQ(me.at("email").as_string(), "partner@ngo.example.org");
  EXPECT_EQ(me.at("language").as_string(), "fr");
  EXPECT_EQ(net->server.get("/api/v1/me", net->root).json().at("language").as_string(), "es");
  // PATCH /me: only display_name, email, language; bad values change nothing.
  EXPECT_EQ(net->server.patch("/api/v1/me", json::object{{"language", "de"}}, net->ngo_partner).status, 422);
  EXPECT_EQ(net->server.patch("/api/v1/me", json::object{{"email", "not an address"}}, net->ngo_partner).status, 422);
  EXPECT_EQ(net->server.patch("/api/v1/me", json::object{{"roles", {"system_admin"}}}, net->ngo_partner).status, 422);
  EXPECT_EQ(net->server.get("/api/v1/me", net->ngo_partner).json().at("language").as_string(), "fr");
  // An administrator sets them on POST and PATCH /users.
  auto made = net->server.post("/api/v1/users",
                               json::object{{"username", "mail-new"},
                                            {"password", "a long enough pass phrase 77"},
                                            {"display_name", "New"},
                                            {"roles", {"partner"}},
                                            {"email", "new@ngo.example.org"},
                                            {"language", "ht"}},
                               net->ngo_admin);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json().at("email").as_string(), "new@ngo.example.org");
  EXPECT_EQ(made.json().at("language").as_string(), "ht");
  std::string id(made.json().at("id").as_string());
  auto changed = net->server.patch("/api/v1/users/" + id, json::object{{"language", "pt"}, {"email", nullptr}},
                                   net->ngo_admin, "\"1\"");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("language").as_string(), "pt");
  EXPECT_TRUE(changed.json().at("email").is_null());
  EXPECT_EQ(net->server.patch("/api/v1/users/" + id, json::object{{"language", "xx"}}, net->ngo_admin, "\"2\"").status,
            422);
}

TEST_F(MailNotificationsTest, TheSystemAdminSeesTheQueueWithoutBodies) {
  auto admin_before = sink->to("admin@ngo.example.org").size();
  net->referral();
  sink->wait_for("admin@ngo.example.org", admin_before + 1);
  auto r = net->server.get("/api/v1/admin/mail?limit=5", net->root);
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json().at("items").as_array();
  ASSERT_FALSE(items.empty());
  for (const auto& i : items) {
    const auto& o = i.as_object();
    for (auto key : {"id", "user_id", "event", "state", "attempts", "last_error", "created_at", "sent_at"})
      EXPECT_TRUE(o.contains(key)) << key;
    EXPECT_EQ(o.size(), 8u) << json::serialize(o);  // no subject, body or address
  }
  EXPECT_FALSE(r.json().at("next_cursor").is_null());
  auto next = net->server.get("/api/v1/admin/mail?limit=5&cursor=" +
                                  std::string(r.json().at("next_cursor").as_string()), net->root);
  ASSERT_EQ(next.status, 200);
  EXPECT_NE(next.json().at("items").as_array().front().at("id"), items.front().at("id"));
  EXPECT_EQ(net->server.get("/api/v1/admin/mail?state=sent", net->root).status, 200);
  EXPECT_EQ(net->server.get("/api/v1/admin/mail?state=lost", net->root).status, 422);
  EXPECT_EQ(net->server.get("/api/v1/admin/mail", net->ngo_admin).status, 403);
  EXPECT_EQ(net->server.get("/api/v1/admin/mail", net->auditor).status, 403);
  EXPECT_EQ(net->server.get("/api/v1/admin/mail").status, 401);
  auto metrics = net->server.get("/metrics").body;
  EXPECT_NE(metrics.find("enlace_delivery_sent_total{channel=\"email\"}"), std::string::npos) << metrics;
  EXPECT_EQ(metrics.find("enlace_delivery_sent_total{channel=\"email\"} 0\n"), std::string::npos);
  EXPECT_NE(metrics.find("enlace_delivery_queue_length{channel=\"email\"}"), std::string::npos);
  EXPECT_NE(metrics.find("enlace_delivery_oldest_queued_seconds{channel=\"email\"}"), std::string::npos);
  EXPECT_NE(metrics.find("enlace_delivery_retries_total{channel=\"email\"}"), std::string::npos);
  EXPECT_NE(metrics.find("enlace_delivery_failed_total{channel=\"email\"}"), std::string::npos);
}

// Last: moves the clock a day.
TEST_F(MailNotificationsTest, DailyAndOffChoicesHoldMailsForTheDigestOrDropThem) {
  ASSERT_EQ(net->server.put("/api/v1/me/notifications",
                            json::object{{"email", {{"referral.created", "daily"}}}}, net->ngo_partner)
                .status,
            200);
  ASSERT_EQ(net->server.put("/api/v1/me/notifications",
                            json::object{{"email", {{"referral.created", "off"}}}}, net->ngo_admin)
                .status,
            200);
  auto partner_before = sink->to("partner@ngo.example.org").size();
  auto admin_before = sink->to("admin@ngo.example.org").size();
  auto cw_before = sink->to("cw@desk.example.org").size();
  auto id1 = net->referral();
  net->referral();
  // A mail the caseworker hears at once shows the sender has gone past those events.
  ASSERT_EQ(net->move(id1, net->ngo_partner, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(sink->wait_for("cw@desk.example.org", cw_before + 1).size(), cw_before + 1);
  EXPECT_EQ(sink->to("partner@ngo.example.org").size(), partner_before);
  EXPECT_EQ(sink->to("admin@ngo.example.org").size(), admin_before);
  // After midnight UTC the partner gets one digest counting the two new referrals. (Overdue
  // notices go out too, a day on: mails are picked by subject.)
  net->advance_minutes(24 * 60 + 1);
  auto digests = with_subject("partner@ngo.example.org", "Enlace : résumé de la journée 2026-11-24");
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_NE(digests[0].text.find("Nouvelles orientations: 2"), std::string::npos) << digests[0].text;
  EXPECT_TRUE(with_subject("admin@ngo.example.org", "Enlace: resumen del día 2026-11-24",
                           std::chrono::milliseconds(0)).empty());
  // The referrals still unanswered are overdue: the sending caseworker hears of it in English
  // (the notice comes from the overdue scan, which a listing nudges).
  ASSERT_EQ(net->server.get("/api/v1/referrals?box=outbox", net->cw).status, 200);
  EXPECT_FALSE(with_subject("cw@desk.example.org", "Enlace: referral overdue").empty());
  for (auto* token : {&net->ngo_partner, &net->ngo_admin})
    ASSERT_EQ(net->server.put("/api/v1/me/notifications", json::object{{"email", json::object{}}}, *token)
                  .status,
              200);
}

}  // namespace
