// Who has seen the person's file: reads and refusals leave audit events, and the access report
// lists the snapshots sent (fields, receiver, consent) and the reads of the case.
#include "case_network.hpp"

#include <gtest/gtest.h>

namespace enlace::test {
namespace {

namespace bj = boost::json;

class DisclosuresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    net.server.add_user("ngo-partner", {"partner"}, "o-ngo");
    ngo_partner = net.server.login("ngo-partner");
    case_id = net.create("Ana", "Reyes");
    auto c = net.server.post("/api/v1/cases/" + case_id + "/consents",
                             {{"method", "written"}, {"categories", {"shelter"}}, {"organizations", {"o-ngo"}}},
                             net.cw);
    if (c.status != 201) throw std::runtime_error("consent: " + c.body);
    consent_id = std::string(c.json().at("id").as_string());
    net.server.advance_minutes(5);
    auto r = net.server.post("/api/v1/referrals",
                             {{"case_id", case_id},
                              {"to_organization_id", "o-ngo"},
                              {"category", "shelter"},
                              {"urgency", "normal"},
                              {"reason", "Needs a bed tonight"},
                              {"shared_fields", {"given_name", "phone", "needs"}},
                              {"status", "requested"}},
                             net.cw);
    if (r.status != 201) throw std::runtime_error("referral: " + r.body);
    referral_id = std::string(r.json().at("id").as_string());
  }
  int events(const std::string& action, const std::string& entity, const std::string& outcome) {
    return count_audit(net.server.db_path(), action, entity, outcome);
  }

  CaseNetwork net;
  std::string ngo_partner, case_id, consent_id, referral_id;
};

TEST_F(DisclosuresTest, CaseReadByCaseworkerLeavesAnEvent) {
  ASSERT_EQ(net.server.get("/api/v1/cases/" + case_id, net.cw).status, 200);
  EXPECT_EQ(events("case.read", case_id, "ok"), 1);
}

TEST_F(DisclosuresTest, ReferralReadByReceivingPartnerLeavesAnEvent) {
  auto r = net.server.get("/api/v1/referrals/" + referral_id, ngo_partner);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(events("referral.read", referral_id, "ok"), 1);
}

TEST_F(DisclosuresTest, RefusalsLeaveOneEventWithTheirOutcome) {
  // Another organisation's caseworker: 404, recorded as a probe.
  EXPECT_EQ(net.server.get("/api/v1/cases/" + case_id, net.cw_other).status, 404);
  EXPECT_EQ(events("case.read", case_id, "not_found"), 1);
  // A partner may not open case files at all: 403.
  EXPECT_EQ(net.server.get("/api/v1/cases/" + case_id, net.partner).status, 403);
  EXPECT_EQ(events("case.read", case_id, "denied"), 1);
  // A coordinator is refused by a handler that writes no event itself: the dispatcher does.
  EXPECT_EQ(net.server.get("/api/v1/referrals/" + referral_id, net.coordinator).status, 403);
  EXPECT_EQ(events("referral.read", referral_id, "denied"), 1);
  // An id that exists nowhere is a 404 on an entity URL, recorded too.
  EXPECT_EQ(net.server.get("/api/v1/referrals/no-such-referral", ngo_partner).status, 404);
  EXPECT_EQ(events("referral.read", "no-such-referral", "not_found"), 1);
  // The access report itself: another organisation gets 404, a partner 403, each recorded once.
  EXPECT_EQ(net.server.get("/api/v1/cases/" + case_id + "/disclosures", net.cw_other).status, 404);
  EXPECT_EQ(events("case.disclosures.read", case_id, "not_found"), 1);
  EXPECT_EQ(net.server.get("/api/v1/cases/" + case_id + "/disclosures", net.partner).status, 403);
  EXPECT_EQ(events("case.disclosures.read", case_id, "denied"), 1);
}

TEST_F(DisclosuresTest, ReportListsSnapshotsSentAndReadsOfTheFile) {
  net.server.advance_minutes(10);
  ASSERT_EQ(net.server.get("/api/v1/referrals/" + referral_id, ngo_partner).status, 200);
  ASSERT_EQ(net.server.get("/api/v1/cases/" + case_id, net.cw).status, 200);
  ASSERT_EQ(net.server.get("/api/v1/cases/" + case_id, net.cw_other).status, 404);

  auto r = net.server.get("/api/v1/cases/" + case_id + "/disclosures", net.cw);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto report = r.json().as_object();
  EXPECT_EQ(report.at("case_id"), bj::value(case_id));
  auto sent = report.at("referrals").as_array();
  ASSERT_EQ(sent.size(), 1u);
  auto s = sent[0].as_object();
  EXPECT_EQ(s.at("referral_id"), bj::value(referral_id));
  EXPECT_EQ(s.at("sent_at"), "2026-11-24T12:05:00Z");
  EXPECT_EQ(s.at("to_organization_id"), "o-ngo");
  EXPECT_EQ(s.at("to_organization_name"), "Diocese shelter");
  EXPECT_EQ(s.at("category"), "shelter");
  EXPECT_EQ(s.at("fields"), (bj::array{"given_name", "phone", "needs"}));
  EXPECT_EQ(s.at("legal_basis"), "consent");
  ASSERT_TRUE(s.at("consent").is_object()) << r.body;
  EXPECT_EQ(s.at("consent").at("id"), bj::value(consent_id));
  EXPECT_EQ(s.at("consent").at("method"), "written");
  EXPECT_EQ(s.at("consent").at("given_at"), "2026-11-24T12:00:00Z");

  auto reads = report.at("reads").as_array();
  bool partner_read = false, caseworker_read = false;
  for (const auto& v : reads) {
    const auto& a = v.as_object();
    EXPECT_NE(a.at("organization_id"), "") << "every access names an organisation";
    if (a.at("action") == "referral.read" && a.at("organization_id") == "o-ngo") {
      partner_read = true;
      EXPECT_EQ(a.at("display_name"), "ngo-partner");
      EXPECT_EQ(a.at("organization_name"), "Diocese shelter");
      EXPECT_EQ(a.at("at"), "2026-11-24T12:15:00Z");
    }
    if (a.at("action") == "case.read") {
      caseworker_read = true;
      EXPECT_EQ(a.at("display_name"), "cw");
      EXPECT_EQ(a.at("organization_id"), "o-desk");
      EXPECT_EQ(a.at("organization_name"), "OFW Help Desk");
    }
    // The other organisation's refused look at the case is not a disclosure.
    if (a.at("organization_id") == "o-ngo") {
      EXPECT_EQ(a.at("action"), "referral.read") << bj::serialize(a);
    }
  }
  EXPECT_TRUE(partner_read) << r.body;
  EXPECT_TRUE(caseworker_read) << r.body;
  // Opening the report is itself recorded (and shows in the next one).
  EXPECT_EQ(events("case.disclosures.read", case_id, "ok"), 1);
}

}  // namespace
}  // namespace enlace::test
