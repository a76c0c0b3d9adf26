// What the gap report must not give away, over HTTP: a receiver never learns attributes of the
// people it was sent, complementary cells say "suppressed" (never "<5"), periods are whole ISO
// weeks, and rare nationalities are counted together as "other".
#include "gap_network.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <set>

using enlace::test::GapNetwork;
using enlace::test::PersonRow;
using enlace::test::published_category;
using enlace::test::ReferralRow;
using enlace::test::ServerProcess;
namespace bj = boost::json;

namespace {

class GapDisclosureTest : public ::testing::Test {
 protected:
  // The week of Monday 2026-10-12: five Venezuelan women and one Syrian man of org A need
  // shelter and are referred to org R; ten legal-aid referrals of A are rejected, three for
  // lack of capacity and seven as not eligible.
  static void SetUpTestSuite() {
    server = new ServerProcess();
    server->set_now("2026-10-20T12:00:00Z");
    auto root = server->add_user("root", {"system_admin"});
    GapNetwork n(server->db_path(), root);
    auto country = n.territory("Pais", "country");
    province = n.territory("Provincia", "province", country);
    auto town = n.territory("Pueblo", "municipality", province);
    auto org_a = n.organization("A", town);
    auto org_r = n.organization("R", town);
    PersonRow venezuelan{"female", "VE", "1990-05-10", std::nullopt, std::nullopt};
    for (int i = 0; i < 5; ++i) {
      auto c = n.case_file(org_a, town, venezuelan);
      n.need(c, "shelter", "2026-10-12T09:00:00Z");  // the Monday before the days asked for
      n.referral(c, org_a, org_r, "shelter",
                 {"accepted", "2026-10-12T10:00:00Z", "", "2026-10-12T20:00:00Z", "2026-10-15T10:00:00Z", ""});
    }
    // The one person referred on Wednesday: only their sex and age were shared, if anything.
    auto syrian = n.case_file(org_a, town, {"male", "SY", "1980-01-01", std::nullopt, std::nullopt});
    n.need(syrian, "shelter", "2026-10-14T09:00:00Z");
    n.referral(syrian, org_a, org_r, "shelter",
               {"requested", "2026-10-14T10:00:00Z", "", "", "2026-10-17T10:00:00Z", ""});
    for (int i = 0; i < 10; ++i) {
      auto c = n.case_file(org_a, town, venezuelan);
      n.need(c, "legal_aid", "2026-10-13T09:00:00Z");
      n.referral(c, org_a, org_r, "legal_aid",
                 {"rejected", "2026-10-13T10:00:00Z", "", "2026-10-13T12:00:00Z", "2026-10-16T10:00:00Z",
                  i < 3 ? "no_capacity" : "not_eligible"});
    }
    server->add_user("coord", {"coordinator"}, org_a);
    server->add_user("admin_r", {"org_admin"}, org_r);
    server->add_user("admin_a", {"org_admin"}, org_a);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static bj::object get(const std::string& user, const std::string& query) {
    auto r = server->get("/api/v1/stats/gaps?" + query, server->login(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  static std::set<std::string> group_labels(const bj::object& report) {
    std::set<std::string> out;
    for (const auto& g : report.at("groups").as_array()) out.insert(std::string(g.at("group").as_string()));
    return out;
  }

  static ServerProcess* server;
  static std::string province;
};
ServerProcess* GapDisclosureTest::server = nullptr;
std::string GapDisclosureTest::province;

}  // namespace

TEST_F(GapDisclosureTest, ReceiverAskingForOneDayByNationalityLearnsNoNationality) {
  auto body = get("admin_r", "from=2026-10-14&to=2026-10-14&category=shelter&by=nationality");
  // The referrals it received are still counted, by state...
  EXPECT_EQ(published_category(body, "shelter").at("referrals").at("requested").as_string(), "<5");
  // 5, hidden beside the "<5": the week's shelter referrals (6) would give the 1 back.
  EXPECT_EQ(published_category(body, "shelter").at("referrals").at("accepted").as_string(), "suppressed");
  // ...but in no group: R owns no case, so no group holds anything.
  EXPECT_EQ(group_labels(body), (std::set<std::string>{"other"}));
  for (const auto& g : body.at("groups").as_array())
    for (const auto& c : g.at("categories").as_array()) {
      for (const auto& [state, n] : c.at("referrals").as_object()) EXPECT_EQ(n, bj::value(0)) << state;
      EXPECT_EQ(c.at("overdue"), bj::value(0));
    }
  // Nor in a territory row: where the person lives was not sent either.
  for (const auto& t : body.at("territories").as_array()) EXPECT_EQ(t.at("referrals"), bj::value(0));
  auto text = bj::serialize(body);
  EXPECT_EQ(text.find("\"SY\""), std::string::npos);
  EXPECT_EQ(text.find("\"VE\""), std::string::npos);
}

TEST_F(GapDisclosureTest, ReceiverAskingForATerritoryGetsNoReceivedReferralsPlacedInIt) {
  // A territory filter would place the referred person: received referrals are counted only in
  // the report of the whole network.
  auto body = get("admin_r", "from=2026-10-12&to=2026-10-18&territory=" + province);
  EXPECT_TRUE(body.at("categories").as_array().empty()) << body;
  auto whole = get("admin_r", "from=2026-10-12&to=2026-10-18");
  EXPECT_EQ(published_category(whole, "legal_aid").at("rejections").at("no_capacity").as_string(), "<5");
  EXPECT_EQ(published_category(whole, "shelter").at("referrals").at("requested").as_string(), "<5");
}

TEST_F(GapDisclosureTest, SenderSeesItsOwnCasesByNationality) {
  auto body = get("admin_a", "from=2026-10-12&to=2026-10-18&category=shelter&by=nationality");
  EXPECT_EQ(group_labels(body), (std::set<std::string>{"VE", "other"}));
}

TEST_F(GapDisclosureTest, ComplementaryCellReadsSuppressedNeverLessThanFive) {
  auto body = get("coord", "from=2026-10-12&to=2026-10-18");
  const auto& legal = published_category(body, "legal_aid");
  EXPECT_EQ(legal.at("rejections").at("no_capacity").as_string(), "<5");           // 3
  EXPECT_EQ(legal.at("rejections").at("not_eligible").as_string(), "suppressed");  // 7
  // 10, hidden too: with the week's rows (16 = legal aid + shelter) it would give the shelter
  // week (6 = 5 accepted + 1 requested) and so the "<5" back.
  EXPECT_EQ(legal.at("referrals").at("rejected").as_string(), "suppressed");

  auto csv = server->send({"GET", "/api/v1/stats/gaps?from=2026-10-12&to=2026-10-18", {{"Accept", "text/csv"}}, ""},
                          server->login("coord"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find(",legal_aid,rejections,not_eligible,suppressed\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",legal_aid,rejections,no_capacity,<5\r\n"), std::string::npos);
}

TEST_F(GapDisclosureTest, PeriodIsWidenedToWholeIsoWeeks) {
  // Wednesday to Thursday: the report covers Monday to Sunday, the Monday's needs included.
  auto body = get("coord", "from=2026-10-14&to=2026-10-15&category=shelter");
  EXPECT_EQ(body.at("from").as_string(), "2026-10-12");
  EXPECT_EQ(body.at("to").as_string(), "2026-10-18");
  EXPECT_EQ(published_category(body, "shelter").at("demand").as_int64(), 6);
  ASSERT_EQ(body.at("weekly").as_array().size(), 2u);  // the week, then shelter in it
  EXPECT_EQ(body.at("weekly").at(0).at("week_start").as_string(), "2026-10-12");

  auto csv = server->send({"GET", "/api/v1/stats/gaps?from=2026-10-14&to=2026-10-15", {{"Accept", "text/csv"}}, ""},
                          server->login("coord"));
  EXPECT_EQ(csv.body.find("from,to,section"), 0u);
  EXPECT_NE(csv.body.find("\r\n2026-10-12,2026-10-18,category,"), std::string::npos);

  // No dates: the 90 days up to today (Tuesday 2026-10-20), from a Monday to the next Sunday.
  auto fallback_reply = server->get("/api/v1/stats/gaps", server->login("coord"));
  ASSERT_EQ(fallback_reply.status, 200) << fallback_reply.body;
  auto fallback = fallback_reply.json().as_object();
  EXPECT_EQ(fallback.at("from").as_string(), "2026-07-20");  // 2026-07-23 is 89 days back
  EXPECT_EQ(fallback.at("to").as_string(), "2026-10-25");
}

TEST_F(GapDisclosureTest, RareNationalityIsCountedAsOther) {
  auto body = get("coord", "from=2026-10-12&to=2026-10-18&by=nationality");
  auto labels = group_labels(body);
  EXPECT_EQ(labels, (std::set<std::string>{"VE", "other"}));
  for (const auto& g : body.at("groups").as_array()) {
    if (g.at("group").as_string() != "other") continue;
    for (const auto& c : g.at("categories").as_array())
      if (c.at("category").as_string() == "shelter") {
        EXPECT_EQ(c.at("demand").as_string(), "<5");
      }
  }
  auto csv = server->send({"GET", "/api/v1/stats/gaps?from=2026-10-12&to=2026-10-18&by=nationality",
                           {{"Accept", "text/csv"}}, ""},
                          server->login("coord"));
  EXPECT_EQ(csv.body.find(",SY,"), std::string::npos);
  EXPECT_NE(csv.body.find(",group,nationality,other,"), std::string::npos);
}
