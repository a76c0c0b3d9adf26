// The gap report's outcome figures over HTTP: how ended referrals went (the receivers' outcome
// codes), and the share of referrals answered within the network's response standard, which
// is withheld when fewer than five referrals make it up.
#include "gap_network.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

using enlace::test::GapNetwork;
using enlace::test::PersonRow;
using enlace::test::published_category;
using enlace::test::ReferralRow;
using enlace::test::ServerProcess;
namespace bj = boost::json;

namespace {

class GapOutcomesTest : public ::testing::Test {
 protected:
  // Shelter, week of Monday 2026-10-12, each referral due a day after it was sent:
  //   5 completed as service provided and 5 as not provided, all answered in time;
  //   4 accepted late; 1 closed by the system as no_response; 1 still unanswered past its
  //   deadline; 3 sent on the 20th and not yet due (outside the standard's count).
  // Legal aid: 3 answered in time and 1 late: too few for a share.
  // Health: 5 completed as service provided and 1 as not provided.
  static void SetUpTestSuite() {
    server = new ServerProcess();
    server->set_now("2026-10-20T12:00:00Z");
    auto root = server->add_user("root", {"system_admin"});
    GapNetwork n(server->db_path(), root);
    auto town = n.territory("Pueblo", "municipality");
    auto a = n.organization("A", town);
    auto r = n.organization("R", town);
    PersonRow person{"female", "VE", "1990-05-10", std::nullopt, std::nullopt};
    auto refer = [&](const char* category, ReferralRow row) {
      auto c = n.case_file(a, town, person);
      n.need(c, category, "2026-10-12T09:00:00Z");
      n.referral(c, a, r, category, row);
    };
    const std::string sent = "2026-10-13T10:00:00Z", due = "2026-10-14T10:00:00Z";
    const std::string in_time = "2026-10-13T15:00:00Z", late = "2026-10-15T09:00:00Z";
    for (int i = 0; i < 10; ++i)
      refer("shelter", {"completed", sent, "", in_time, due, "", i < 5 ? "service_provided" : "not_provided"});
    for (int i = 0; i < 4; ++i) refer("shelter", {"accepted", sent, "", late, due, ""});
    refer("shelter", {"rejected", sent, "", "", due, "no_response"});
    refer("shelter", {"requested", sent, "", "", due, ""});
    for (int i = 0; i < 3; ++i)
      refer("shelter", {"requested", "2026-10-20T08:00:00Z", "", "", "2026-10-21T08:00:00Z", ""});
    for (int i = 0; i < 3; ++i) refer("legal_aid", {"accepted", sent, "", in_time, due, ""});
    refer("legal_aid", {"accepted", sent, "", late, due, ""});
    for (int i = 0; i < 6; ++i)
      refer("health", {"completed", sent, "", in_time, due, "", i < 5 ? "service_provided" : "not_provided"});
    server->add_user("coord", {"coordinator"}, a);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static bj::object report(const std::string& query = "") {
    auto res = server->get("/api/v1/stats/gaps?from=2026-10-12&to=2026-10-25" + query,
                           server->login("coord"));
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json().as_object();
  }
  static inline ServerProcess* server = nullptr;
};

TEST_F(GapOutcomesTest, EndedReferralsAreCountedByTheirOutcomeCode) {
  auto gaps = report();
  const auto& shelter = published_category(gaps, "shelter");
  const auto& outcomes = shelter.at("outcomes").as_object();
  EXPECT_EQ(outcomes.at("service_provided"), 5) << bj::serialize(shelter);
  EXPECT_EQ(outcomes.at("not_provided"), 5);
  EXPECT_EQ(outcomes.at("partly_provided"), 0) << "a zero is shown, never suppressed";
}

TEST_F(GapOutcomesTest, AnOutcomeCountCannotBeWorkedOutFromTheEndedReferrals) {
  // Health: 6 completed, 5 of them "service provided", 1 "not provided". Were both 6 and 5
  // shown, the "<5" would be 1.
  auto gaps = report();
  const auto& health = published_category(gaps, "health");
  EXPECT_EQ(health.at("outcomes").at("not_provided"), "<5") << bj::serialize(health);
  EXPECT_FALSE(health.at("referrals").at("completed").is_int64() &&
               health.at("outcomes").at("service_provided").is_int64())
      << bj::serialize(health);
}

TEST_F(GapOutcomesTest, TheShareAnsweredWithinTheStandardCountsLateExpiredAndOverdueReferrals) {
  auto gaps = report();
  // 10 answered in time out of 16 due: 4 late, 1 expired, 1 past respond_by unanswered; the
  // 3 not yet due are left out.
  EXPECT_EQ(published_category(gaps, "shelter").at("within_standard"), 0.625);
  EXPECT_EQ(published_category(gaps, "legal_aid").at("within_standard"), "suppressed");
}

TEST_F(GapOutcomesTest, TheCsvCarriesTheSameFigures) {
  auto res = server->send({"GET", "/api/v1/stats/gaps?from=2026-10-12&to=2026-10-25",
                           {{"Accept", "text/csv"}}, ""},
                          server->login("coord"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_NE(res.body.find(",shelter,outcomes,service_provided,5\r\n"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find(",shelter,within_standard,,0.625\r\n"), std::string::npos);
  EXPECT_NE(res.body.find(",legal_aid,within_standard,,suppressed\r\n"), std::string::npos);
}

}  // namespace
