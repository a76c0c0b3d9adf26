// The person's own view (API.md "Additions"): tracking code and PIN on every referral sent,
// shown to the sender only; /track answers without a session and without anything personal;
// five wrong PINs lock a code for an hour; the person's word reaches the thread and the gap
// report.
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using enlace::test::HttpResponse;
using enlace::test::ReferralNetwork;
namespace json = boost::json;

namespace {

class PersonTrackingTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() { delete net; }

  // A referral to o-ngo's shelter service; returns the whole reply (with its tracking).
  static json::object send(const std::string& given = "Maricel") {
    auto c = net->create_case(given, "Dela Cruz");
    net->consent(c);
    auto r = net->server.post("/api/v1/referrals", ReferralNetwork::referral_body(c), net->cw);
    if (r.status != 201) throw std::runtime_error("referral: " + r.body);
    return r.json().as_object();
  }
  static std::string code_of(const json::object& r) {
    return std::string(r.at("tracking").at("code").as_string());
  }
  static std::string pin_of(const json::object& r) {
    return std::string(r.at("tracking").at("pin").as_string());
  }
  static std::string wrong(const std::string& pin) { return pin == "000000" ? "111111" : "000000"; }
  static HttpResponse track(const std::string& code, const std::string& pin) {
    return net->server.post("/api/v1/track", json::object{{"code", code}, {"pin", pin}});
  }

  static inline ReferralNetwork* net = nullptr;
};

TEST_F(PersonTrackingTest, EveryReferralSentHasACodeAndPinForTheSenderOnly) {
  auto r = send();
  auto code = code_of(r), pin = pin_of(r);
  EXPECT_EQ(code.size(), 8u);
  EXPECT_EQ(code.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos) << code;
  EXPECT_EQ(pin.size(), 6u);
  EXPECT_EQ(pin.find_first_not_of("0123456789"), std::string::npos) << pin;
  std::string id(r.at("id").as_string());
  // Later the sender sees the code; the PIN was shown once (only its hash is kept).
  auto sender = net->server.get("/api/v1/referrals/" + id, net->cw).json();
  EXPECT_EQ(sender.at("tracking").at("code").as_string(), code);
  EXPECT_TRUE(sender.at("tracking").at("pin").is_null());
  // Never the receiver, never in lists.
  auto receiver = net->server.get("/api/v1/referrals/" + id, net->ngo_partner);
  ASSERT_EQ(receiver.status, 200);
  EXPECT_EQ(receiver.body.find(code), std::string::npos);
  auto inbox = net->server.get("/api/v1/referrals?box=inbox", net->ngo_partner);
  EXPECT_EQ(inbox.body.find(code), std::string::npos);
  auto outbox = net->server.get("/api/v1/referrals?box=outbox", net->desk_admin);
  EXPECT_EQ(outbox.body.find(code), std::string::npos);
  // The PIN is not readable from the database.
  auto dump = enlace::test::dump_database(net->server.db_path(), "referral_tracking");
  EXPECT_NE(dump.find(code), std::string::npos);
  EXPECT_EQ(dump.find("'" + pin + "'"), std::string::npos);
}

TEST_F(PersonTrackingTest, ADraftGetsItsTrackingWhenSent) {
  auto c = net->create_case();
  net->consent(c);
  auto draft = net->server.post("/api/v1/referrals", ReferralNetwork::referral_body(c, "draft"), net->cw);
  ASSERT_EQ(draft.status, 201);
  EXPECT_FALSE(draft.json().as_object().contains("tracking"));
  std::string id(draft.json().at("id").as_string());
  auto sent = net->move(id, net->cw, {{"to", "requested"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto o = sent.json().as_object();
  ASSERT_TRUE(o.contains("tracking"));
  EXPECT_EQ(track(code_of(o), pin_of(o)).status, 200);
}

// The slip's QR code opens the person's page at the server's public address: the caseworker's
// tab may reach the server at an office address the person's phone cannot.
TEST(PersonTrackingLink, TheSenderGetsThePagesAddressAtThePublicUrlWithTheCodeAndNeverThePin) {
  enlace::test::ServerOptions o;
  o.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org/";
  ReferralNetwork net(o);
  auto c = net.create_case("Maricel", "Dela Cruz");
  net.consent(c);
  auto sent = net.server.post("/api/v1/referrals", ReferralNetwork::referral_body(c), net.cw);
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto reply = sent.json();
  const auto& tracking = reply.at("tracking").as_object();
  std::string code(tracking.at("code").as_string()), pin(tracking.at("pin").as_string());
  EXPECT_EQ(tracking.at("url"), json::value("https://enlace.example.org/track?code=" + code));
  EXPECT_EQ(tracking.at("url").as_string().find(pin), std::string::npos);
  std::string id(sent.json().at("id").as_string());
  auto later = net.server.get("/api/v1/referrals/" + id, net.cw).json();
  EXPECT_EQ(later.at("tracking").at("url"), tracking.at("url"));
}

TEST_F(PersonTrackingTest, WithoutAPublicUrlTheLinkIsLeftToTheBrowser) {
  auto r = send();
  EXPECT_TRUE(r.at("tracking").at("url").is_null()) << boost::json::serialize(r);
}

TEST_F(PersonTrackingTest, TrackShowsWhereToGoAndNothingPersonal) {
  // Canary values in every personal field: none may come back.
  auto r = send("Canaryname");
  auto t = track(code_of(r), pin_of(r));
  ASSERT_EQ(t.status, 200) << t.body;
  auto o = t.json().as_object();
  EXPECT_EQ(o.at("category").as_string(), "shelter");
  EXPECT_EQ(o.at("status").as_string(), "requested");
  EXPECT_TRUE(o.contains("updated_at"));
  const auto& s = o.at("service").as_object();
  for (const char* key : {"name", "organization", "address", "phone", "hours", "how_to_apply"})
    EXPECT_TRUE(s.contains(key)) << key;
  EXPECT_EQ(s.at("organization").as_string(), "Diocese shelter");
  EXPECT_EQ(o.size(), 4u) << t.body;
  for (const char* personal : {"Canaryname", "Dela Cruz", "555 0199", "1986", "shelter bed tonight",
                               "two children", "survivor", "case_id", "shared"})
    EXPECT_EQ(t.body.find(personal), std::string::npos) << personal;
  EXPECT_EQ(t.body.find(std::string(r.at("case_id").as_string())), std::string::npos);
  EXPECT_EQ(t.header("cache-control"), "no-store");
  // Typed as a person would: lower case, with a hyphen.
  auto code = code_of(r);
  std::string typed = code.substr(0, 4) + "-" + code.substr(4);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(track(typed, pin_of(r)).status, 200);
}

TEST_F(PersonTrackingTest, WrongPinAndUnknownCodeAnswerAlike) {
  auto r = send();
  auto wrong_pin = track(code_of(r), wrong(pin_of(r)));
  auto unknown = track("ZZZZZZZZ", "123456");
  EXPECT_EQ(wrong_pin.status, 404);
  EXPECT_EQ(unknown.status, 404);
  auto bad = track("abc", "12");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(net->server.post("/api/v1/track", json::object{{"code", code_of(r)}, {"pin", pin_of(r)}, {"x", 1}}).status, 422);
}

TEST_F(PersonTrackingTest, FiveWrongPinsLockTheCodeForAnHour) {
  auto r = send();
  auto code = code_of(r), pin = pin_of(r);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(track(code, wrong(pin)).status, 404) << i;
  // Locked: even the right PIN is refused, with the time to wait.
  auto locked = track(code, pin);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.header("retry-after"), "3600");
  net->advance_minutes(59);
  EXPECT_EQ(track(code, pin).status, 429);
  net->advance_minutes(2);
  EXPECT_EQ(track(code, pin).status, 200);
  // Other codes were never affected.
  auto other = send();
  EXPECT_EQ(track(code_of(other), pin_of(other)).status, 200);
}

TEST_F(PersonTrackingTest, ARightPinStartsTheCountAgain) {
  auto r = send();
  auto code = code_of(r), pin = pin_of(r);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(track(code, wrong(pin)).status, 404);
  EXPECT_EQ(track(code, pin).status, 200);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(track(code, wrong(pin)).status, 404);
  EXPECT_EQ(track(code, pin).status, 200);
}

TEST_F(PersonTrackingTest, FeedbackAppearsInTheThreadForBothSides) {
  auto r = send();
  std::string id(r.at("id").as_string());
  auto said = net->server.post("/api/v1/track/feedback",
                               json::object{{"code", code_of(r)}, {"pin", pin_of(r)},
                                            {"outcome", "turned_away"}, {"rating", 2},
                                            {"comment", "They said come back next week."}});
  ASSERT_EQ(said.status, 201) << said.body;
  for (const auto& token : {net->cw, net->ngo_partner}) {
    auto thread = net->server.get("/api/v1/referrals/" + id + "/messages", token);
    ASSERT_EQ(thread.status, 200);
    auto items = thread.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("from").as_string(), "person");
    EXPECT_EQ(items[0].at("body").as_string(), "They said come back next week.");
    EXPECT_EQ(items[0].at("feedback").at("outcome").as_string(), "turned_away");
    EXPECT_EQ(items[0].at("feedback").at("rating").as_int64(), 2);
    EXPECT_TRUE(items[0].at("author_user_id").is_null());
    EXPECT_TRUE(items[0].at("author_organization_id").is_null());
  }
  auto wrong_pin = net->server.post("/api/v1/track/feedback",
                                    json::object{{"code", code_of(r)}, {"pin", wrong(pin_of(r))},
                                                 {"outcome", "got_service"}});
  EXPECT_EQ(wrong_pin.status, 404);
  auto bad = net->server.post("/api/v1/track/feedback",
                              json::object{{"code", code_of(r)}, {"pin", pin_of(r)},
                                           {"outcome", "service_provided"}, {"rating", 9}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("outcome"), std::string::npos);
  EXPECT_NE(bad.body.find("rating"), std::string::npos);
}

TEST_F(PersonTrackingTest, TheGapReportCountsWhatPeopleReportedPerCategory) {
  auto gaps = [] {
    auto r = net->server.get("/api/v1/stats/gaps", net->coordinator);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  auto category = [](const json::value& report, const std::string& code) -> json::object {
    for (const auto& c : report.at("categories").as_array())
      if (c.at("category").as_string() == code) return c.as_object();
    return {};
  };
  auto before = category(gaps(), "shelter");
  ASSERT_TRUE(before.contains("person_reported"));
  auto count = [](const json::object& c, const char* outcome) -> std::int64_t {
    const auto& v = c.at("person_reported").at(outcome);
    return v.is_int64() ? v.as_int64() : -1;
  };
  std::int64_t got_before = count(before, "got_service");
  ASSERT_GE(got_before, 0) << "the test needs a shown count to start from";
  // Five people say they got the service (a count under 5 would be shown as "<5").
  for (int i = 0; i < 5; ++i) {
    auto r = send();
    auto said = net->server.post("/api/v1/track/feedback",
                                 json::object{{"code", code_of(r)}, {"pin", pin_of(r)},
                                              {"outcome", "got_service"}});
    ASSERT_EQ(said.status, 201) << said.body;
  }
  auto after = category(gaps(), "shelter");
  EXPECT_EQ(count(after, "got_service"), got_before + 5);
  // Zeros are shown as zeros.
  EXPECT_EQ(count(after, "could_not_reach"), 0);
  EXPECT_EQ(count(after, "other"), 0);
}

// Every attempt leaves one event as "person", without the code or the PIN; the feedback leaves
// its message's event too. Each request is found in the log by its X-Request-Id.
TEST_F(PersonTrackingTest, EveryAttemptLeavesItsEventAsThePersonWithoutTheCodeOrPin) {
  auto r = send("Rowena");
  const std::string code = code_of(r), pin = pin_of(r), id(r.at("id").as_string());
  auto post = [](const char* path, json::object body, const std::string& request_id) {
    return net->server.post(path, body, "", {{"X-Request-Id", request_id}});
  };
  const std::string unknown = code == "ZZZZZZZZ" ? "YYYYYYYY" : "ZZZZZZZZ";
  EXPECT_EQ(post("/api/v1/track", {{"code", unknown}, {"pin", pin}}, "trk-unknown").status, 404);
  EXPECT_EQ(post("/api/v1/track", {{"code", code}, {"pin", wrong(pin)}}, "trk-wrong").status, 404);
  EXPECT_EQ(post("/api/v1/track", {{"code", code}, {"pin", pin}}, "trk-right").status, 200);
  auto said = post("/api/v1/track/feedback",
                   {{"code", code}, {"pin", pin}, {"outcome", "got_service"}, {"comment", "Thanks."}},
                   "trk-feedback");
  ASSERT_EQ(said.status, 201) << said.body;
  const std::string message_id(said.json().at("id").as_string());

  auto log = net->server.get("/api/v1/audit?limit=500", net->auditor);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.body.find(code), std::string::npos) << "never the code in the audit log";
  using Event = std::vector<std::string>;  // request, action, entity type, id, outcome, role, actor, org
  std::vector<Event> mine;
  auto items = log.json().at("items").as_array();
  for (const auto& v : items) {
    const auto& e = v.as_object();
    std::string request(e.at("request_id").as_string());
    if (request.rfind("trk-", 0) != 0) continue;
    mine.push_back({request, std::string(e.at("action").as_string()),
                    std::string(e.at("entity_type").as_string()),
                    std::string(e.at("entity_id").as_string()),
                    std::string(e.at("outcome").as_string()), std::string(e.at("role").as_string()),
                    std::string(e.at("actor").as_string()),
                    std::string(e.at("organization").as_string())});
  }
  std::reverse(mine.begin(), mine.end());  // the log is newest first
  EXPECT_EQ(mine, (std::vector<Event>{
                      {"trk-unknown", "referral.track", "referral", "", "not_found", "person", "", ""},
                      {"trk-wrong", "referral.track", "referral", id, "denied", "person", "", ""},
                      {"trk-right", "referral.track", "referral", id, "ok", "person", "", ""},
                      {"trk-feedback", "referral.track_feedback", "referral", id, "ok", "person", "", ""},
                      {"trk-feedback", "referral.message", "referral_message", message_id, "ok",
                       "person", "", ""}}));
}

}  // namespace
