// Referrals over HTTP: consent rules, the shared snapshot, addressee checks and warnings,
// scoping (a third organisation gets 404), inbox/outbox filters and overdue order,
// alternatives, messages and the audit trail of reads.
#include "referral_network.hpp"

#include "core/time.hpp"

#include <gtest/gtest.h>

#include <set>

using enlace::test::count_audit;
using enlace::test::ReferralNetwork;
namespace json = boost::json;

namespace {

class ReferralsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }

  enlace::test::HttpResponse send(const json::object& body) {
    return server().post("/api/v1/referrals", body, net->cw);
  }
};
ReferralNetwork* ReferralsTest::net = nullptr;

std::set<std::string> fields_of(const enlace::test::HttpResponse& r) {
  std::set<std::string> out;
  auto body = r.json();  // a named value: a range-for over a temporary's member dangles
  if (!body.as_object().contains("errors")) return out;
  for (const auto& e : body.at("errors").as_array()) out.insert(std::string(e.at("field").as_string()));
  return out;
}

std::vector<std::string> ids_of(const enlace::test::HttpResponse& r) {
  std::vector<std::string> out;
  auto body = r.json();
  for (const auto& c : body.at("items").as_array()) out.emplace_back(c.at("id").as_string());
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_F(ReferralsTest, WithoutConsentTheReferralIs422NamingConsent) {
  auto c = net->create_case();
  auto r = send(ReferralNetwork::referral_body(c));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(fields_of(r), std::set<std::string>{"consent"});
  // A consent for another organisation or category does not cover it either.
  net->consent(c, {"o-alt"}, {"shelter"});
  net->consent(c, {"o-ngo"}, {"health"});
  EXPECT_EQ(send(ReferralNetwork::referral_body(c)).status, 422);
}

TEST_F(ReferralsTest, WithdrawnConsentStopsNewReferrals) {
  auto c = net->create_case();
  auto consent = net->consent(c);
  ASSERT_EQ(send(ReferralNetwork::referral_body(c)).status, 201);
  ASSERT_EQ(server().post("/api/v1/cases/" + c + "/consents/" + consent + "/withdraw", json::object{}, net->cw).status, 200);
  auto r = send(ReferralNetwork::referral_body(c));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(fields_of(r), std::set<std::string>{"consent"});
}

TEST_F(ReferralsTest, DraftNeedsNoConsentUntilItIsSent) {
  auto c = net->create_case();
  auto d = send(ReferralNetwork::referral_body(c, "draft"));
  ASSERT_EQ(d.status, 201) << d.body;
  std::string id(d.json().at("id").as_string());
  EXPECT_TRUE(d.json().at("shared").is_null());
  // The receiver does not see a draft at all.
  EXPECT_EQ(server().get("/api/v1/referrals/" + id, net->ngo_partner).status, 404);
  EXPECT_FALSE(contains(ids_of(server().get("/api/v1/referrals?box=inbox&limit=500", net->ngo_partner)), id));
  auto sent = net->move(id, net->cw, {{"to", "requested"}});
  EXPECT_EQ(sent.status, 422);
  EXPECT_EQ(fields_of(sent), std::set<std::string>{"consent"});
  net->consent(c);
  EXPECT_EQ(net->move(id, net->cw, {{"to", "requested"}}).status, 200);
  EXPECT_EQ(server().get("/api/v1/referrals/" + id, net->ngo_partner).status, 200);
}

TEST_F(ReferralsTest, VitalInterestNeedsEmergencyAndJustificationAndLandsOnTheReviewList) {
  auto c = net->create_case();
  auto body = ReferralNetwork::referral_body(c);
  body["legal_basis"] = "vital_interest";
  auto r = send(body);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(fields_of(r).count("legal_basis"));  // urgency is high, not emergency
  body["urgency"] = "emergency";
  body["justification"] = "short";
  EXPECT_TRUE(fields_of(send(body)).count("justification"));
  body["justification"] = "Survivor at risk tonight; no way to reach her for consent before dark.";
  r = send(body);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id(r.json().at("id").as_string());
  EXPECT_EQ(r.json().at("legal_basis").as_string(), "vital_interest");
  EXPECT_TRUE(r.json().at("consent_id").is_null());
  EXPECT_EQ(count_audit(server().db_path(), "referral.vital_interest", id), 1);

  EXPECT_EQ(server().get("/api/v1/referrals?box=review", net->cw).status, 403);
  auto review = server().get("/api/v1/referrals?box=review", net->desk_admin);
  ASSERT_EQ(review.status, 200);
  EXPECT_TRUE(contains(ids_of(review), id));
  EXPECT_EQ(server().post("/api/v1/referrals/" + id + "/review", json::object{}, net->cw).status, 403);
  auto done = server().post("/api/v1/referrals/" + id + "/review", json::object{}, net->desk_admin);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(done.json().at("reviewed_at").is_null());
  EXPECT_FALSE(contains(ids_of(server().get("/api/v1/referrals?box=review", net->desk_admin)), id));
  EXPECT_EQ(server().post("/api/v1/referrals/" + id + "/review", json::object{}, net->desk_admin).status, 409);
}

TEST_F(ReferralsTest, ReceiverSeesOnlyTheChosenFieldsAndNeverTheCase) {
  auto c = net->create_case("Rosario", "Bautista");
  net->consent(c);
  auto created = send(ReferralNetwork::referral_body(c));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(created.json().at("id").as_string());
  EXPECT_EQ(created.json().at("case_id").as_string(), c);

  auto r = server().get("/api/v1/referrals/" + id, net->ngo_partner);
  ASSERT_EQ(r.status, 200);
  auto o = r.json().as_object();
  EXPECT_FALSE(o.contains("case_id"));
  EXPECT_FALSE(o.contains("consent_id"));
  EXPECT_EQ(r.body.find(c), std::string::npos);
  auto shared = o.at("shared").as_object();
  EXPECT_EQ(shared.at("given_name").as_string(), "Rosario");
  EXPECT_EQ(shared.at("sex").as_string(), "female");
  EXPECT_EQ(shared.at("needs").at(0).at("category").as_string(), "shelter");
  for (const char* hidden : {"family_name", "birth_date", "phone", "nationality", "languages", "specific_needs"})
    EXPECT_FALSE(shared.contains(hidden)) << hidden;
  EXPECT_EQ(r.body.find("Bautista"), std::string::npos);
  // The phone, not a bare "555": random ids hold that run of digits often enough to fail a run.
  EXPECT_EQ(r.body.find("917 555 0199"), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");

  // Later edits of the case do not reach the snapshot.
  auto the_case = server().get("/api/v1/cases/" + c, net->cw);
  auto v = std::to_string(the_case.json().at("version").as_int64());
  auto edit = server().patch("/api/v1/cases/" + c, {{"person", {{"given_name", "Rosa"}}}}, net->cw, "\"" + v + "\"");
  ASSERT_EQ(edit.status, 200) << edit.body;
  auto again = server().get("/api/v1/referrals/" + id, net->ngo_partner);
  EXPECT_EQ(again.json().at("shared").at("given_name").as_string(), "Rosario");
}

TEST_F(ReferralsTest, AddresseeIsCheckedAndWaitsAreWarned) {
  auto c = net->create_case();
  net->consent(c);
  auto body = ReferralNetwork::referral_body(c);
  body["to_organization_id"] = "o-nowhere";
  EXPECT_TRUE(fields_of(send(body)).count("to_organization_id"));
  body = ReferralNetwork::referral_body(c);
  body["service_id"] = "s-alt-shelter";  // belongs to o-alt, not o-ngo
  EXPECT_TRUE(fields_of(send(body)).count("service_id"));
  body["service_id"] = "s-ngo-health";  // o-ngo, but health
  EXPECT_TRUE(fields_of(send(body)).count("service_id"));
  body["category"] = "health";
  auto wait = send(body);
  ASSERT_EQ(wait.status, 201) << wait.body;
  EXPECT_EQ(wait.json().at("warnings"),
            (json::array{json::object{{"code", "service_wait"}, {"days", 5}}}));

  net->consent(c, {"o-closed"}, {"shelter"});
  body = ReferralNetwork::referral_body(c);
  body["to_organization_id"] = "o-closed";
  body["service_id"] = "s-closed-shelter";
  auto closed = send(body);
  ASSERT_EQ(closed.status, 201) << closed.body;
  EXPECT_EQ(closed.json().at("warnings").at(0).at("code").as_string(), "service_not_accepting");

  body = ReferralNetwork::referral_body(c);
  body["case_id"] = "no-such-case";
  EXPECT_TRUE(fields_of(send(body)).count("case_id"));
  body = ReferralNetwork::referral_body(c);
  body["shared_fields"] = json::array{"given_name", "passport_number"};
  EXPECT_EQ(send(body).status, 422);
  body = ReferralNetwork::referral_body(c);
  body["unknown"] = 1;
  EXPECT_TRUE(fields_of(send(body)).count("unknown"));
  EXPECT_EQ(server().post("/api/v1/referrals", ReferralNetwork::referral_body(c), net->ngo_partner).status, 403);
}

TEST_F(ReferralsTest, AThirdOrganisationGets404OnEveryReferralUrl) {
  auto id = net->referral();
  const std::string base = "/api/v1/referrals/" + id;
  for (const auto* token : {&net->third_cw, &net->third_partner, &net->third_admin}) {
    EXPECT_EQ(server().get(base, *token).status, 404);
    EXPECT_EQ(server().get(base + "/messages", *token).status, 404);
    EXPECT_EQ(server().post(base + "/messages", {{"body", "hello"}}, *token).status, 404);
    EXPECT_EQ(server().get(base + "/alternatives", *token).status, 404);
    EXPECT_EQ(net->move(id, *token, {{"to", "received"}}, 1).status, 404);
    EXPECT_FALSE(contains(ids_of(server().get("/api/v1/referrals?box=inbox&limit=500", *token)), id));
  }
  EXPECT_EQ(server().get(base, net->ngo_partner).json().at("status").as_string(), "requested");
  EXPECT_GE(count_audit(server().db_path(), "referral.read", id, "not_found"), 3);
}

TEST_F(ReferralsTest, EveryReadIsAuditedBeforeTheReply) {
  auto id = net->referral();
  int before = count_audit(server().db_path(), "referral.read", id, "ok");
  ASSERT_EQ(server().get("/api/v1/referrals/" + id, net->ngo_partner).status, 200);
  EXPECT_EQ(count_audit(server().db_path(), "referral.read", id, "ok"), before + 1);
  ASSERT_EQ(server().get("/api/v1/referrals/" + id + "/messages", net->cw).status, 200);
  EXPECT_EQ(count_audit(server().db_path(), "referral.messages.read", id, "ok"), 1);
  // Refusals leave their trace too.
  EXPECT_EQ(server().get("/api/v1/referrals/" + id, net->coordinator).status, 403);
  EXPECT_EQ(count_audit(server().db_path(), "referral.read", id, "denied"), 1);
  EXPECT_EQ(server().get("/api/v1/referrals/" + id, net->third_cw).status, 404);
  EXPECT_EQ(count_audit(server().db_path(), "referral.read", id, "not_found"), 1);
}

TEST_F(ReferralsTest, MessagesAreVisibleToBothSidesOnly) {
  auto id = net->referral();
  const std::string url = "/api/v1/referrals/" + id + "/messages";
  auto a = server().post(url, {{"body", "Can you take them tonight?"}}, net->cw);
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(server().post(url, {{"body", "Yes, bed 4 is free."}}, net->ngo_partner).status, 201);
  for (const auto* token : {&net->cw, &net->ngo_partner, &net->ngo_admin, &net->desk_admin}) {
    auto list = server().get(url, *token);
    ASSERT_EQ(list.status, 200);
    auto items = list.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("body").as_string(), "Can you take them tonight?");
    EXPECT_EQ(items[1].at("author_organization_id").as_string(), "o-ngo");
  }
  EXPECT_EQ(server().get(url, net->third_cw).status, 404);
  EXPECT_EQ(server().get(url, net->desk_partner).status, 404);
  EXPECT_EQ(server().get(url, net->coordinator).status, 403);
  EXPECT_EQ(server().post(url, {{"body", ""}}, net->cw).status, 422);
  EXPECT_EQ(server().post(url, {{"body", "   "}}, net->cw).status, 422);
  EXPECT_EQ(server().post(url, {{"body", std::string(5001, 'a')}}, net->cw).status, 422);
  EXPECT_EQ(server().post(url, {{"body", std::string(5000, 'a')}}, net->cw).status, 201);
  EXPECT_EQ(server().post(url, {{"text", "hi"}}, net->cw).status, 422);
}

TEST_F(ReferralsTest, AlternativesAfterRejectionExcludeTheRejectingOrganisation) {
  auto id = net->referral();
  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "rejected"}, {"reason_code", "no_capacity"}}).status, 200);
  auto r = server().get("/api/v1/referrals/" + id + "/alternatives", net->cw);
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> services;
  auto body = r.json();
  for (const auto& s : body.at("items").as_array()) services.emplace_back(s.at("service_id").as_string());
  // o-alt covers the whole province (ancestor of Legazpi); the closed and the Quito services
  // and the rejecting NGO's own are not offered.
  EXPECT_EQ(services, std::vector<std::string>{"s-alt-shelter"});
  EXPECT_EQ(server().get("/api/v1/referrals/" + id + "/alternatives", net->ngo_partner).status, 403);
  EXPECT_EQ(server().get("/api/v1/referrals/" + id + "/alternatives", net->desk_admin).status, 403);
}

TEST_F(ReferralsTest, ListsNeedABoxTheRoleMayOpen) {
  EXPECT_EQ(server().get("/api/v1/referrals", net->cw).status, 422);
  EXPECT_EQ(server().get("/api/v1/referrals?box=inbox", net->coordinator).status, 403);
  EXPECT_EQ(server().get("/api/v1/referrals?box=outbox", net->ngo_partner).status, 403);
  EXPECT_EQ(server().get("/api/v1/referrals?box=outbox", net->root).status, 403);
  EXPECT_EQ(server().get("/api/v1/referrals?box=outbox&status=lost", net->cw).status, 422);
  EXPECT_EQ(server().get("/api/v1/referrals?box=outbox&overdue=yes", net->cw).status, 422);
  EXPECT_EQ(server().get("/api/v1/referrals?box=outbox&cursor=zzz", net->cw).status, 422);
}

// Last in the suite: it moves the clock forward by days.
TEST_F(ReferralsTest, FiltersOverdueFirstAndPagingAfterTheClockMoves) {
  auto old_one = net->referral();  // high urgency: 24 hours to respond
  auto accepted = net->referral();
  ASSERT_EQ(net->move(accepted, net->ngo_partner, {{"to", "accepted"}}).status, 200);
  net->advance_minutes(25 * 60);
  auto fresh = net->referral();

  auto overdue = server().get("/api/v1/referrals?box=inbox&overdue=true&limit=500", net->ngo_partner);
  ASSERT_EQ(overdue.status, 200);
  auto ids = ids_of(overdue);
  EXPECT_TRUE(contains(ids, old_one));
  EXPECT_FALSE(contains(ids, accepted));
  EXPECT_FALSE(contains(ids, fresh));
  auto overdue_body = overdue.json();
  for (const auto& item : overdue_body.at("items").as_array()) EXPECT_TRUE(item.at("overdue").as_bool());

  // Overdue first, then newest first.
  auto all = server().get("/api/v1/referrals?box=outbox&limit=500", net->cw);
  auto items = all.json().at("items").as_array();
  bool seen_not_overdue = false;
  for (const auto& item : items) {
    if (!item.at("overdue").as_bool()) seen_not_overdue = true;
    else EXPECT_FALSE(seen_not_overdue) << "an overdue referral after a punctual one";
  }
  auto all_ids = ids_of(all);
  EXPECT_LT(std::find(all_ids.begin(), all_ids.end(), old_one) - all_ids.begin(),
            std::find(all_ids.begin(), all_ids.end(), fresh) - all_ids.begin());

  // Filters.
  auto accepted_body = server().get("/api/v1/referrals?box=outbox&status=accepted&limit=500", net->cw).json();
  for (const auto& item : accepted_body.at("items").as_array())
    EXPECT_EQ(item.at("status").as_string(), "accepted");
  EXPECT_TRUE(contains(ids_of(server().get("/api/v1/referrals?box=outbox&status=accepted&limit=500", net->cw)), accepted));
  auto health_body = server().get("/api/v1/referrals?box=outbox&category=health&limit=500", net->cw).json();
  for (const auto& item : health_body.at("items").as_array())
    EXPECT_EQ(item.at("category").as_string(), "health");
  EXPECT_FALSE(contains(ids_of(server().get("/api/v1/referrals?box=outbox&category=health&limit=500", net->cw)), old_one));

  // Paging walks the same order without repeats or gaps.
  std::vector<std::string> walked;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    auto r = server().get("/api/v1/referrals?box=outbox&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), net->cw);
    ASSERT_EQ(r.status, 200);
    for (auto& i : ids_of(r)) walked.push_back(i);
    if (r.json().at("next_cursor").is_null()) break;
    cursor = std::string(r.json().at("next_cursor").as_string());
  }
  EXPECT_EQ(walked, all_ids);

  // The overdue notice went out once.
  EXPECT_EQ(enlace::test::query_int(server().db_path(),
                                    "SELECT COUNT(*) FROM live_event WHERE type = 'referral.overdue'"),
            enlace::test::query_int(server().db_path(),
                                    "SELECT COUNT(*) FROM referral WHERE overdue_notified_at IS NOT NULL"));
}

TEST_F(ReferralsTest, RespondByComesFromTheNetworksStoredResponseStandards) {
  const std::string path = "/api/v1/settings/response-standards";
  auto original = server().get(path, net->root);
  ASSERT_EQ(original.status, 200) << original.body;
  auto version = std::to_string(original.json().at("version").as_int64());
  json::object changed{{"hours", {{"emergency", 3}, {"high", 30}, {"normal", 90}}},
                       {"by_category", {{"shelter", {{"high", 6}}}}}};
  auto put = server().put(path, changed, net->root, "\"" + version + "\"");
  ASSERT_EQ(put.status, 200) << put.body;

  auto hours_given = [&](const json::object& body) {
    auto r = send(body);
    EXPECT_EQ(r.status, 201) << r.body;
    auto due = enlace::core::parse_timestamp(std::string(r.json().at("respond_by").as_string()));
    auto now = enlace::core::parse_timestamp(server().now());
    return std::chrono::duration_cast<std::chrono::hours>(*due - *now).count();
  };
  auto c = net->create_case();
  net->consent(c);
  EXPECT_EQ(hours_given(ReferralNetwork::referral_body(c)), 6) << "shelter's own rule for high";
  auto health = ReferralNetwork::referral_body(c);
  health["category"] = "health";
  health["service_id"] = "s-ngo-health";
  EXPECT_EQ(hours_given(health), 30) << "the network's hours for high";

  // Put the network's standards back for the other tests of the suite.
  json::object restore{{"hours", original.json().at("hours")},
                       {"by_category", original.json().at("by_category")}};
  auto back = server().put(path, restore, net->root, put.header("etag"));
  ASSERT_EQ(back.status, 200) << back.body;
}
