// Organisations without accounts (API.md "Additions"): the respond link mailed to an external
// organisation, its life and scope, its audit trail, and the sender recording on its behalf.
#include "referral_network.hpp"
#include "support/smtp_sink.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <utility>

using enlace::test::HttpResponse;
using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::SmtpSink;
namespace json = boost::json;

namespace {

class ExternalOrganizationsTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    sink = new SmtpSink();
    ServerOptions o;
    o.env["ENLACE_SMTP_URL"] = sink->url();
    o.env["ENLACE_MAIL_FROM"] = "enlace@network.example.org";
    o.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org";
    net = new ReferralNetwork(o);
    // The system admin adds the agency as an organisation without accounts.
    json::object body{{"name", "Overseas Workers Welfare Office"},
                      {"kind", "national_agency"},
                      {"territory_id", "t-albay"},
                      {"email", "referrals@owwa.example.gov"},
                      {"external", true}};
    auto r = net->server.post("/api/v1/organizations", body, net->root);
    if (r.status != 201) throw std::runtime_error("external organisation: " + r.body);
    ext = std::string(r.json().at("id").as_string());
  }
  static void TearDownTestSuite() {
    delete net;
    delete sink;
  }

  // A case of o-desk with consent for the agency and a referral sent to it.
  static json::object send_external(const std::string& status = "requested") {
    auto c = net->create_case();
    net->consent(c, {json::value(ext)}, {"employment"});
    json::object body{{"case_id", c},
                      {"to_organization_id", ext},
                      {"category", "employment"},
                      {"urgency", "normal"},
                      {"reason", "Needs reintegration support after return."},
                      {"shared_fields", {"given_name", "family_name", "phone"}},
                      {"status", status}};
    auto r = net->server.post("/api/v1/referrals", body, net->cw);
    if (r.status != 201) throw std::runtime_error("external referral: " + r.body);
    return r.json().as_object();
  }

  // The token of the newest respond link mailed for `referral_count` referrals so far.
  static std::string mailed_token(std::size_t n) {
    auto mails = sink->wait_for("referrals@owwa.example.gov", n);
    if (mails.size() < n) return "";
    static const std::regex link("https://enlace\\.example\\.org/respond/([A-Za-z0-9_-]{43})");
    std::smatch m;
    const std::string& text = mails[n - 1].text;
    if (!std::regex_search(text, m, link)) return "";
    return m[1];
  }

  static HttpResponse respond_move(const std::string& token, json::object body) {
    auto v = net->server.get("/api/v1/respond/" + token).json().at("version").as_int64();
    return net->server.post("/api/v1/respond/" + token + "/transitions", body, "",
                            {{"If-Match", "\"" + std::to_string(v) + "\""}});
  }

  static inline SmtpSink* sink = nullptr;
  static inline ReferralNetwork* net = nullptr;
  static inline std::string ext;
  static inline std::size_t mailed = 0;  // respond links mailed so far
};

TEST_F(ExternalOrganizationsTest, SystemAdminMarksAnOrganisationExternal) {
  auto r = net->server.get("/api/v1/organizations/" + ext, net->cw);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json().at("external").as_bool());
  EXPECT_FALSE(net->server.get("/api/v1/organizations/o-ngo", net->cw).json().at("external").as_bool());
  auto bad = net->server.post("/api/v1/organizations",
                              json::object{{"name", "X"}, {"kind", "private"},
                                           {"territory_id", "t-albay"}, {"external", "yes"}},
                              net->root);
  EXPECT_EQ(bad.status, 422) << bad.body;
}

TEST_F(ExternalOrganizationsTest, SendingMailsARespondLinkWithNoPersonalField) {
  auto referral = send_external();
  auto token = mailed_token(++mailed);
  ASSERT_FALSE(token.empty()) << "no respond link mailed";
  auto mail = sink->to("referrals@owwa.example.gov").back();
  for (const char* personal : {"Maricel", "Dela Cruz", "555 0199", "reintegration"}) {
    EXPECT_EQ(mail.text.find(personal), std::string::npos) << personal;
    EXPECT_EQ(mail.html.find(personal), std::string::npos) << personal;
  }
  // The link opens the referral as its receiver sees it: the snapshot, no case.
  auto r = net->server.get("/api/v1/respond/" + token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("id"), referral.at("id"));
  EXPECT_EQ(o.at("shared").at("given_name").as_string(), "Maricel");
  EXPECT_FALSE(o.contains("case_id"));
  EXPECT_FALSE(o.contains("tracking"));
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(ExternalOrganizationsTest, UnknownOrMalformedTokensAre404) {
  EXPECT_EQ(net->server.get("/api/v1/respond/" + std::string(43, 'A')).status, 404);
  EXPECT_EQ(net->server.get("/api/v1/respond/x").status, 404);
  EXPECT_EQ(net->server.get("/api/v1/respond/" + std::string(43, 'A') + "/messages").status, 404);
}

// Probing links is visible to the auditor: each unknown token leaves one event, as "external"
// and no one in particular.
TEST_F(ExternalOrganizationsTest, AnUnknownTokenLeavesOneEventNamingNoOne) {
  auto probes = [] {
    auto r = net->server.get("/api/v1/audit?action=respond_link.open&limit=500", net->auditor);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  };
  const std::size_t before = probes().size();
  EXPECT_EQ(net->server.get("/api/v1/respond/" + std::string(43, 'B')).status, 404);
  auto after = probes();
  ASSERT_EQ(after.size(), before + 1);
  const auto& e = after.at(0).as_object();  // the newest
  EXPECT_EQ(e.at("entity_type").as_string(), "respond_link");
  EXPECT_EQ(e.at("entity_id").as_string(), "");
  EXPECT_EQ(e.at("outcome").as_string(), "not_found");
  EXPECT_EQ(e.at("role").as_string(), "external");
  EXPECT_EQ(e.at("actor").as_string(), "");
  EXPECT_EQ(e.at("organization").as_string(), "");
}

TEST_F(ExternalOrganizationsTest, TheLinkMovesTheReferralAsItsReceiverWithTheSameRules) {
  auto referral = send_external();
  std::string id(referral.at("id").as_string());
  auto token = mailed_token(++mailed);
  ASSERT_FALSE(token.empty());
  // A sender's move is refused as it would be for any receiver.
  auto cancel = respond_move(token, {{"to", "cancelled"}, {"reason", "no"}});
  EXPECT_EQ(cancel.status, 409) << cancel.body;
  auto no_code = respond_move(token, {{"to", "rejected"}});
  EXPECT_EQ(no_code.status, 422) << no_code.body;
  auto stale = net->server.post("/api/v1/respond/" + token + "/transitions",
                                json::object{{"to", "accepted"}}, "", {{"If-Match", "\"99\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto accepted = respond_move(token, {{"to", "accepted"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("status").as_string(), "accepted");
  EXPECT_FALSE(accepted.json().as_object().contains("case_id"));
  // The sender sees who answered: the agency.
  auto seen = net->server.get("/api/v1/referrals/" + id, net->cw).json();
  const auto& history = seen.at("history").as_array();
  EXPECT_EQ(history.back().at("by_organization_id").as_string(), ext);
  EXPECT_FALSE(history.back().at("on_behalf").as_bool());
}

TEST_F(ExternalOrganizationsTest, MessagesGoBothWaysThroughTheLink) {
  auto referral = send_external();
  std::string id(referral.at("id").as_string());
  auto token = mailed_token(++mailed);
  ASSERT_FALSE(token.empty());
  auto from_sender = net->server.post("/api/v1/referrals/" + id + "/messages",
                                      json::object{{"body", "Can you see her on Monday?"}}, net->cw);
  ASSERT_EQ(from_sender.status, 201) << from_sender.body;
  auto from_agency = net->server.post("/api/v1/respond/" + token + "/messages",
                                      json::object{{"body", "Yes, at 9."}});
  ASSERT_EQ(from_agency.status, 201) << from_agency.body;
  EXPECT_EQ(from_agency.json().at("from").as_string(), "receiver");
  EXPECT_TRUE(from_agency.json().at("author_user_id").is_null());
  auto thread = net->server.get("/api/v1/respond/" + token + "/messages");
  ASSERT_EQ(thread.status, 200);
  auto items = thread.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("from").as_string(), "sender");
  auto sender_thread = net->server.get("/api/v1/referrals/" + id + "/messages", net->cw).json();
  auto sender_items = sender_thread.at("items").as_array();
  ASSERT_EQ(sender_items.size(), 2u);
  EXPECT_EQ(sender_items[1].at("body").as_string(), "Yes, at 9.");
  EXPECT_EQ(sender_items[1].at("author_organization_id").as_string(), ext);
}

TEST_F(ExternalOrganizationsTest, ANewLinkEndsTheOldOneAndIsTheSendersAlone) {
  auto referral = send_external();
  std::string id(referral.at("id").as_string());
  auto old_token = mailed_token(++mailed);
  ASSERT_FALSE(old_token.empty());
  // Only the sending caseworkers make links; others do not even learn the referral exists.
  EXPECT_EQ(net->server.post("/api/v1/referrals/" + id + "/respond-link", json::object{}, net->third_cw).status, 404);
  EXPECT_EQ(net->server.post("/api/v1/referrals/" + id + "/respond-link", json::object{}, net->desk_admin).status, 403);
  auto made = net->server.post("/api/v1/referrals/" + id + "/respond-link", json::object{}, net->cw);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string url(made.json().at("url").as_string());
  EXPECT_TRUE(made.json().at("expires_at").is_null());  // open referral
  const std::string prefix = "https://enlace.example.org/respond/";
  ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
  auto token = url.substr(prefix.size());
  EXPECT_EQ(net->server.get("/api/v1/respond/" + old_token).status, 404);
  EXPECT_EQ(net->server.get("/api/v1/respond/" + token).status, 200);
  // The token is not in the database: only its hash.
  auto dump = enlace::test::dump_database(net->server.db_path());
  EXPECT_EQ(dump.find(token), std::string::npos);
  EXPECT_EQ(dump.find(old_token), std::string::npos);
}

TEST_F(ExternalOrganizationsTest, NoLinkForAReceiverWithAccounts) {
  auto to_ngo = net->referral();
  auto r = net->server.post("/api/v1/referrals/" + to_ngo + "/respond-link", json::object{}, net->cw);
  EXPECT_EQ(r.status, 422) << r.body;
}

TEST_F(ExternalOrganizationsTest, TheLinkDiesThirtyDaysAfterTheReferralEnds) {
  auto referral = send_external();
  auto token = mailed_token(++mailed);
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(respond_move(token, {{"to", "accepted"}}).status, 200);
  auto done = respond_move(token, {{"to", "completed"}, {"outcome_code", "service_provided"}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto link = net->server.post("/api/v1/referrals/" + std::string(referral.at("id").as_string()) +
                                   "/respond-link", json::object{}, net->cw);
  ASSERT_EQ(link.status, 201) << link.body;
  EXPECT_FALSE(link.json().at("expires_at").is_null());
  std::string url(link.json().at("url").as_string());
  auto fresh = url.substr(url.rfind('/') + 1);
  net->advance_minutes(29 * 24 * 60);
  EXPECT_EQ(net->server.get("/api/v1/respond/" + fresh).status, 200);
  net->advance_minutes(24 * 60 + 1);
  EXPECT_EQ(net->server.get("/api/v1/respond/" + fresh).status, 404);
  EXPECT_EQ(net->server.get("/api/v1/respond/" + fresh + "/messages").status, 404);
}

TEST_F(ExternalOrganizationsTest, EveryUseIsAuditedAsTheExternalOrganisation) {
  auto referral = send_external();
  std::string id(referral.at("id").as_string());
  auto token = mailed_token(++mailed);
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(net->server.get("/api/v1/respond/" + token).status, 200);
  ASSERT_EQ(respond_move(token, {{"to", "received"}}).status, 200);
  auto events = net->server.get("/api/v1/audit?organization=" + ext + "&limit=50", net->auditor);
  ASSERT_EQ(events.status, 200) << events.body;
  std::set<std::string> actions;
  auto items = events.json().at("items").as_array();
  for (const auto& e : items) {
    if (e.at("entity_id").as_string() != id) continue;
    actions.insert(std::string(e.at("action").as_string()));
    EXPECT_EQ(e.at("role").as_string(), "external");
    EXPECT_EQ(e.at("actor").as_string(), "");
  }
  EXPECT_TRUE(actions.count("referral.read"));
  EXPECT_TRUE(actions.count("referral.transition"));
}

TEST_F(ExternalOrganizationsTest, SenderRecordsTheAgencysAnswerOnItsBehalf) {
  auto referral = send_external();
  std::string id(referral.at("id").as_string());
  ++mailed;
  auto r = net->move(id, net->cw, {{"to", "accepted"}, {"on_behalf", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto last = r.json().at("history").as_array().back().as_object();
  EXPECT_EQ(last.at("to").as_string(), "accepted");
  EXPECT_TRUE(last.at("on_behalf").as_bool());
  EXPECT_EQ(last.at("by_organization_id").as_string(), "o-desk");
  EXPECT_EQ(last.at("on_behalf_of_organization_id").as_string(), ext);
  // Still the receiver's lifecycle: the sender cannot complete a referral on its own side.
  auto own = net->move(id, net->cw, {{"to", "completed"}, {"outcome_code", "service_provided"}});
  EXPECT_EQ(own.status, 409) << own.body;
  auto events = net->server.get("/api/v1/audit?entity=referral&entity_id=" + id + "&action=referral.transition_on_behalf",
                                net->auditor);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(events.json().at("items").as_array().size(), 1u);
}

TEST_F(ExternalOrganizationsTest, OnBehalfIsRefusedForReceiversWithAccounts) {
  auto to_ngo = net->referral();
  auto r = net->move(to_ngo, net->cw, {{"to", "received"}, {"on_behalf", true}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("on_behalf"), std::string::npos);
  // The receiver cannot pretend to be the sender's side either.
  auto ext_referral = send_external();
  ++mailed;
  auto as_third = net->move(std::string(ext_referral.at("id").as_string()), net->third_cw,
                            {{"to", "received"}, {"on_behalf", true}}, 1);
  EXPECT_EQ(as_third.status, 404) << as_third.body;
}

TEST_F(ExternalOrganizationsTest, ExternalReferralsCountInTheGapReportLikeAnyOther) {
  auto requested = [] {
    auto r = net->server.get("/api/v1/stats/gaps?category=legal_aid", net->coordinator);
    EXPECT_EQ(r.status, 200) << r.body;
    auto report = r.json();
    const auto& categories = report.at("categories").as_array();
    for (const auto& c : categories)
      if (c.at("category").as_string() == "legal_aid") return json::value(c.at("referrals").at("requested"));
    return json::value(0);
  };
  EXPECT_EQ(requested(), json::value(0));
  for (int i = 0; i < 5; ++i) {
    auto c = net->create_case();
    net->consent(c, {json::value(ext)}, {"legal_aid"});
    json::object body{{"case_id", c},          {"to_organization_id", ext}, {"category", "legal_aid"},
                      {"urgency", "normal"},    {"reason", "Contract dispute with a recruiter."},
                      {"shared_fields", json::array{}}, {"status", "requested"}};
    auto r = net->server.post("/api/v1/referrals", body, net->cw);
    ASSERT_EQ(r.status, 201) << r.body;
    ++mailed;
  }
  EXPECT_EQ(requested(), json::value(5));
}

TEST_F(ExternalOrganizationsTest, TheMailQueueShowsTheOrganisationAsRecipient) {
  sink->wait_for("referrals@owwa.example.gov", mailed);
  auto r = net->server.get("/api/v1/admin/mail?limit=500", net->root);
  ASSERT_EQ(r.status, 200) << r.body;
  int links = 0;
  auto items = r.json().at("items").as_array();
  for (const auto& m : items) {
    if (m.at("event").as_string() != "referral.respond_link") continue;
    ++links;
    EXPECT_TRUE(m.at("user_id").is_null());
    EXPECT_EQ(m.at("organization_id").as_string(), ext);
  }
  EXPECT_GE(links, 1);
  // Sent mails keep no token: only the link's hash remains anywhere.
  EXPECT_EQ(enlace::test::query_int(
                net->server.db_path(),
                "SELECT count(*) FROM mail_outbox WHERE state = 'sent' AND link_token IS NOT NULL"),
            0);
}

TEST(ExternalPagesTest, TheUiIsServedForRespondLinksAndTrack) {
  // A respond link opens the UI (index.html); /track is the person's own small page (track.html).
  enlace::test::TempDir web;
  {
    std::ofstream index(web.path() + "/index.html");
    index << "<!DOCTYPE html><html><body>enlace-ui</body></html>";
    std::ofstream track(web.path() + "/track.html");
    track << "<!DOCTYPE html><html><body>enlace-track</body></html>";
  }
  ServerOptions o;
  o.extra_args = {"--web-root", web.path()};
  enlace::test::ServerProcess server(o);
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"/", "enlace-ui"}, {"/respond/" + std::string(43, 'A'), "enlace-ui"}, {"/track", "enlace-track"}};
  for (const auto& [path, page] : pages) {
    auto r = server.get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find(page), std::string::npos) << path;
  }
  EXPECT_EQ(server.get("/respond/a/b").status, 404);
  EXPECT_EQ(server.get("/tracking").status, 404);
}

}  // namespace
