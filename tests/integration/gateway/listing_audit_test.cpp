// Listings disclose too (API.md, Data protection): every page of the case list, the inbox, the
// outbox and the review list is one audit event naming the records shown, committed before the
// page is answered, and the person's access report shows those pages and the sending
// organisation's admins' reads.
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace enlace::test {
namespace {

namespace bj = boost::json;

class ListingAuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  ServerProcess& server() { return net->server; }

  long long events() { return query_int(server().db_path(), "SELECT COUNT(*) FROM audit_event"); }

  // The newest event with this action, as the auditor reads it.
  bj::object newest(const std::string& action) {
    auto r = server().get("/api/v1/audit?action=" + action + "&limit=1", net->auditor);
    if (r.status != 200) throw std::runtime_error("audit: " + r.body);
    auto items = r.json().at("items").as_array();
    if (items.empty()) return {};
    return items[0].as_object();
  }

  static std::vector<std::string> ids_shown(const HttpResponse& r) {
    std::vector<std::string> out;
    auto body = r.json();
    for (const auto& item : body.at("items").as_array()) out.emplace_back(item.at("id").as_string());
    return out;
  }

  static std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
    return out;
  }

  // A vital-interest referral of a new case (no consent needed): it waits in the review list.
  std::string vital_referral(const std::string& case_id) {
    auto body = ReferralNetwork::referral_body(case_id);
    body["urgency"] = "emergency";
    body["legal_basis"] = "vital_interest";
    body["justification"] = "She is in danger tonight and cannot be reached later.";
    auto r = server().post("/api/v1/referrals", body, net->cw);
    if (r.status != 201) throw std::runtime_error("vital referral: " + r.body);
    return std::string(r.json().at("id").as_string());
  }
};
ReferralNetwork* ListingAuditTest::net = nullptr;

TEST_F(ListingAuditTest, CaseListPageIsOneEventNamingTheCasesShown) {
  net->create_case("Lista", "Uno");
  net->create_case("Lista", "Dos");
  net->create_case("Lista", "Tres");
  const int before = count_audit(server().db_path(), "case.list");
  auto page = server().get("/api/v1/cases?limit=2", net->cw);
  ASSERT_EQ(page.status, 200) << page.body;
  auto shown = ids_shown(page);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(count_audit(server().db_path(), "case.list"), before + 1);
  auto e = newest("case.list");
  EXPECT_EQ(e.at("entity_type"), "case");
  EXPECT_EQ(e.at("entity_id"), bj::value(joined(shown)));
  EXPECT_EQ(e.at("outcome"), "ok");
}

// A box the caller's roles may not use, and a FHIR search by a role that lists neither box, is
// 403 and one "referral.list" event, denied, naming no referral.
TEST_F(ListingAuditTest, ARefusedListIsOneDeniedEventNamingNoReferral) {
  const std::pair<std::string, const std::string*> refused[] = {
      {"/api/v1/referrals?box=outbox", &net->ngo_partner},
      {"/api/v1/referrals?box=review", &net->cw},
      {"/fhir/r4/Task", &net->coordinator}};
  for (const auto& [url, token] : refused) {
    const long long before = events();
    auto r = server().get(url, *token);
    EXPECT_EQ(r.status, 403) << url << " " << r.body;
    EXPECT_EQ(events(), before + 1) << url;
    auto e = newest("referral.list");
    EXPECT_EQ(e.at("outcome"), "denied") << url;
    EXPECT_EQ(e.at("entity_type"), "referral") << url;
    EXPECT_EQ(e.at("entity_id"), "") << url;
  }
}

TEST_F(ListingAuditTest, InboxOutboxAndReviewPagesAreOneEventEach) {
  auto first = net->referral();
  auto second = net->referral();
  auto vital = vital_referral(net->create_case("Urgente", "Vida"));
  struct Box {
    std::string url, token;
  };
  for (const Box& box : {Box{"/api/v1/referrals?box=inbox&limit=2", net->ngo_partner},
                         Box{"/api/v1/referrals?box=outbox&limit=2", net->cw},
                         Box{"/api/v1/referrals?box=outbox&limit=2", net->desk_admin},
                         Box{"/api/v1/referrals?box=review", net->desk_admin}}) {
    const int before = count_audit(server().db_path(), "referral.list");
    auto page = server().get(box.url, box.token);
    ASSERT_EQ(page.status, 200) << box.url << page.body;
    auto shown = ids_shown(page);
    ASSERT_FALSE(shown.empty()) << box.url;
    EXPECT_EQ(count_audit(server().db_path(), "referral.list"), before + 1) << box.url;
    auto e = newest("referral.list");
    EXPECT_EQ(e.at("entity_type"), "referral");
    EXPECT_EQ(e.at("entity_id"), bj::value(joined(shown))) << box.url;
  }
  // The review list showed the vital-interest referral.
  EXPECT_NE(std::string(newest("referral.list").at("entity_id").as_string()).find(vital),
            std::string::npos);
  (void)first;
  (void)second;
}

// The case page lists the case's referrals: the outbox filtered by case_id, so that it shows a
// case's referrals however many others the organisation sent, and the audit event names only
// those, not a page of other people's referrals.
TEST_F(ListingAuditTest, ACasesReferralsAreItsOwnOutboxPage) {
  auto kase = net->create_case("Caso", "Propio");
  net->consent(kase);
  auto mine = server().post("/api/v1/referrals", ReferralNetwork::referral_body(kase), net->cw);
  ASSERT_EQ(mine.status, 201) << mine.body;
  const std::string mine_id(mine.json().at("id").as_string());
  auto draft =
      server().post("/api/v1/referrals", ReferralNetwork::referral_body(kase, "draft"), net->cw);
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string draft_id(draft.json().at("id").as_string());
  auto other = net->referral();  // another case's, sent after

  auto page = server().get("/api/v1/referrals?box=outbox&case_id=" + kase, net->cw);
  ASSERT_EQ(page.status, 200) << page.body;
  auto shown = ids_shown(page);
  EXPECT_EQ(newest("referral.list").at("entity_id"), bj::value(joined(shown)));
  std::sort(shown.begin(), shown.end());
  std::vector<std::string> expected{mine_id, draft_id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(shown, expected);
  // Another organisation's caseworker sees none of them, even naming the case.
  auto theirs = server().get("/api/v1/referrals?box=outbox&case_id=" + kase, net->ngo_cw);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_TRUE(ids_shown(theirs).empty());
  // A receiver never sees case ids, so the filter is the outbox's only.
  auto inbox = server().get("/api/v1/referrals?box=inbox&case_id=" + kase, net->ngo_partner);
  EXPECT_EQ(inbox.status, 422) << inbox.body;
  EXPECT_NE(inbox.body.find("case_id"), std::string::npos);
  (void)other;
}

TEST_F(ListingAuditTest, FiveHundredCasePageWritesOneRow) {
  // Another organisation of the network, so that its list holds exactly these cases.
  insert_organization(server().db_path(), "o-big", "Big desk", "t-legazpi");
  server().add_user("big-cw", {"caseworker"}, "o-big");
  auto big = server().login("big-cw");
  for (int i = 0; i < 500; ++i) {
    bj::object body{{"person",
                     {{"given_name", "Persona"},
                      {"family_name", "Numero " + std::to_string(i)},
                      {"estimated_age", 30},
                      {"sex", "unknown"},
                      {"nationality", "PH"}}},
                    {"territory_id", "t-legazpi"}};
    auto c = server().post("/api/v1/cases", body, big);
    ASSERT_EQ(c.status, 201) << c.body;
  }
  const long long before = events();
  auto page = server().get("/api/v1/cases?limit=500", big);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(ids_shown(page).size(), 500u);
  EXPECT_EQ(events(), before + 1) << "one event for the page, not one per case";
  // Every case shown is named by that one event, so each person's report finds that page
  // (through the engine's index of listing pages: migration 24).
  // A sample of the page, first and last included: 500 more requests would pass the user's
  // request rate limit.
  auto shown = ids_shown(page);
  for (std::size_t i : {0, 1, 137, 250, 498, 499}) {
    auto r = server().get("/api/v1/cases/" + shown[i] + "/disclosures", big);
    ASSERT_EQ(r.status, 200) << r.body;
    int pages = 0;
    auto report = r.json();
    for (const auto& v : report.at("reads").as_array())
      if (v.at("action") == "case.list") {
        ++pages;
        EXPECT_EQ(v.at("entity_id"), bj::value(shown[i]));
      }
    EXPECT_EQ(pages, 1) << "case " << i << " of the page: " << r.body;
  }
}

TEST_F(ListingAuditTest, AccessReportShowsListingsAndTheSendingAdminsReads) {
  auto case_id = net->create_case("Informe", "Accesos");
  auto other_case = net->create_case("Otra", "Persona");
  net->consent(case_id);
  auto sent = server().post("/api/v1/referrals", ReferralNetwork::referral_body(case_id), net->cw);
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string referral_id(sent.json().at("id").as_string());
  // A page that shows this person (the list is by id; their name finds them).
  ASSERT_EQ(server().get("/api/v1/cases?q=informe", net->cw).status, 200);
  ASSERT_EQ(server().get("/api/v1/referrals?box=inbox", net->ngo_partner).status, 200);
  ASSERT_EQ(server().get("/api/v1/referrals?box=outbox", net->desk_admin).status, 200);
  ASSERT_EQ(server().get("/api/v1/referrals/" + referral_id, net->desk_admin).status, 200);

  auto r = server().get("/api/v1/cases/" + case_id + "/disclosures", net->cw);
  ASSERT_EQ(r.status, 200) << r.body;
  bool case_page = false, inbox_page = false, admin_page = false, admin_read = false;
  auto report = r.json();
  for (const auto& v : report.at("reads").as_array()) {
    const auto& a = v.as_object();
    const auto& action = a.at("action");
    const auto& org = a.at("organization_id");
    if (action == "case.list") {
      case_page = true;
      EXPECT_EQ(a.at("entity_id"), bj::value(case_id)) << "the record matched, not the page";
      EXPECT_EQ(a.at("display_name"), "cw");
    }
    if (action == "referral.list" && org == "o-ngo") inbox_page = true;
    if (action == "referral.list" && org == "o-desk" && a.at("display_name") == "desk-admin")
      admin_page = true;
    if (action == "referral.read" && a.at("display_name") == "desk-admin") {
      admin_read = true;
      EXPECT_EQ(a.at("entity_id"), bj::value(referral_id));
      EXPECT_EQ(org, "o-desk");
    }
  }
  EXPECT_TRUE(case_page) << r.body;
  EXPECT_TRUE(inbox_page) << r.body;
  EXPECT_TRUE(admin_page) << r.body;
  EXPECT_TRUE(admin_read) << r.body;

  // A page that did not show the other person is not in their report.
  auto o = server().get("/api/v1/cases/" + other_case + "/disclosures", net->cw);
  ASSERT_EQ(o.status, 200) << o.body;
  auto other = o.json();
  for (const auto& v : other.at("reads").as_array())
    EXPECT_NE(v.at("action"), "case.list") << bj::serialize(v);
}

}  // namespace
}  // namespace enlace::test
