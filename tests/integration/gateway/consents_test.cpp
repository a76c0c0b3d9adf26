// Consent over HTTP: recording with its 12-month default, validation, expiry on the test
// clock, withdrawal with an empty body or {}, and scoping to the case's organisation.
#include "case_network.hpp"

#include <gtest/gtest.h>

#include <set>

using enlace::test::CaseNetwork;
using enlace::test::count_audit;
namespace json = boost::json;

namespace {

class ConsentsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new CaseNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static CaseNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }

  json::object consent_body() {
    return {{"method", "written"}, {"categories", {"shelter", "health"}}, {"organizations", {"o-ngo"}}};
  }
  json::object case_json(const std::string& id) {
    return server().get("/api/v1/cases/" + id, net->cw).json().as_object();
  }
};
CaseNetwork* ConsentsTest::net = nullptr;

}  // namespace

TEST_F(ConsentsTest, ConsentLastsTwelveMonthsByDefaultAndShowsOnTheCase) {
  std::string id = net->create("Consent", "Default");
  auto r = server().post("/api/v1/cases/" + id + "/consents", consent_body(), net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.json().as_object();
  EXPECT_EQ(c.at("method"), "written");
  EXPECT_EQ(c.at("categories"), (json::array{"shelter", "health"}));
  EXPECT_EQ(c.at("organizations"), json::array{"o-ngo"});
  EXPECT_EQ(c.at("recorded_at"), "2026-11-24T12:00:00Z");
  EXPECT_EQ(c.at("expires_at"), "2027-11-24T12:00:00Z");
  EXPECT_TRUE(c.at("withdrawn_at").is_null());
  EXPECT_EQ(c.at("active"), true);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto on_case = case_json(id).at("consents").as_array();
  ASSERT_EQ(on_case.size(), 1u);
  EXPECT_EQ(on_case[0], c);
  EXPECT_EQ(count_audit(server().db_path(), "consent.create", id, "ok"), 1);
}

TEST_F(ConsentsTest, EmptyListsAreAcceptedAndMeanNone) {
  std::string id = net->create("Consent", "Empty");
  auto r = server().post("/api/v1/cases/" + id + "/consents",
                         {{"method", "verbal"}, {"categories", json::array{}},
                          {"organizations", json::array{}}},
                         net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("categories"), json::array{});
}

TEST_F(ConsentsTest, InvalidConsentNamesEveryFieldAndChangesNothing) {
  std::string id = net->create("Consent", "Invalid");
  auto r = server().post("/api/v1/cases/" + id + "/consents",
                         {{"method", "telepathy"},
                          {"categories", {"shelter", "spaceship"}},
                          {"organizations", {"o-nowhere"}},
                          {"expires_at", "2020-01-01T00:00:00Z"}},
                         net->cw);
  ASSERT_EQ(r.status, 422);
  std::set<std::string> fields;
  auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"method", "categories[1]", "expires_at"}));
  auto unknown_org = server().post("/api/v1/cases/" + id + "/consents",
                                   {{"method", "verbal"}, {"categories", {"shelter"}},
                                    {"organizations", {"o-ngo", "o-nowhere"}}},
                                   net->cw);
  ASSERT_EQ(unknown_org.status, 422);
  EXPECT_EQ(unknown_org.json().at("errors").at(0).at("field"), "organizations[1]");
  EXPECT_EQ(server().post("/api/v1/cases/" + id + "/consents", {{"method", "verbal"}}, net->cw).status,
            422);
  EXPECT_TRUE(case_json(id).at("consents").as_array().empty());
}

TEST_F(ConsentsTest, WithdrawTakesAnEmptyBodyOrAnEmptyObjectOnce) {
  std::string id = net->create("Consent", "Withdrawn");
  std::string base = "/api/v1/cases/" + id + "/consents";
  std::string a(server().post(base, consent_body(), net->cw).json().at("id").as_string());
  std::string b(server().post(base, consent_body(), net->cw).json().at("id").as_string());

  enlace::test::HttpRequest empty;
  empty.method = "POST";
  empty.target = base + "/" + a + "/withdraw";
  auto r1 = server().send(empty, net->cw);
  ASSERT_EQ(r1.status, 200) << r1.body;
  EXPECT_EQ(r1.json().at("withdrawn_at"), "2026-11-24T12:00:00Z");
  EXPECT_EQ(r1.json().at("active"), false);
  auto r2 = server().post(base + "/" + b + "/withdraw", json::object{}, net->cw);
  ASSERT_EQ(r2.status, 200) << r2.body;
  auto again = server().post(base + "/" + b + "/withdraw", json::object{}, net->cw);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().at("type"), "/problems/consent-withdrawn");
  EXPECT_EQ(server().post(base + "/" + b + "/withdraw", {{"why", "x"}}, net->cw).status, 422);
  EXPECT_EQ(server().post(base + "/nope/withdraw", json::object{}, net->cw).status, 404);
  auto after = case_json(id);
  for (const auto& c : after.at("consents").as_array()) EXPECT_EQ(c.at("active"), false);
}

TEST_F(ConsentsTest, OnlyTheOwningOrganisationsCaseworkersRecordConsent) {
  std::string id = net->create("Consent", "Scoped");
  std::string base = "/api/v1/cases/" + id + "/consents";
  std::string k(server().post(base, consent_body(), net->cw).json().at("id").as_string());
  EXPECT_EQ(server().post(base, consent_body(), net->cw_other).status, 404);
  EXPECT_EQ(server().post(base + "/" + k + "/withdraw", json::object{}, net->cw_other).status, 404);
  EXPECT_EQ(server().post(base, consent_body(), net->partner).status, 403);
  EXPECT_EQ(server().post(base + "/" + k + "/withdraw", json::object{}, net->coordinator).status, 403);
  EXPECT_EQ(case_json(id).at("consents").at(0).at("active"), true);
}

// Last in the file: it moves the suite's clock forward.
TEST_F(ConsentsTest, ConsentExpiresOnTheClock) {
  std::string id = net->create("Consent", "Expiring");
  auto r = server().post("/api/v1/cases/" + id + "/consents",
                         {{"method", "verbal"}, {"categories", {"food"}}, {"organizations", {"o-ngo"}},
                          {"expires_at", "2026-11-24T12:20:00Z"}},
                         net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(case_json(id).at("consents").at(0).at("active"), true);
  // 21 minutes: past the expiry, within the 30-minute idle limit of the suite's sessions.
  server().advance_minutes(21);
  EXPECT_EQ(case_json(id).at("consents").at(0).at("active"), false);
}
