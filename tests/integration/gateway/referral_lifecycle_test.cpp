// The referral lifecycle over HTTP: the whole loop, every move the table does not allow (wrong
// state and wrong party) refused with 409 and no change, required reasons, If-Match rules.
#include "referral_network.hpp"

#include "core/referral_lifecycle.hpp"

#include <gtest/gtest.h>

#include <map>

using enlace::test::ReferralNetwork;
namespace json = boost::json;

namespace {

class ReferralLifecycleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }
};
ReferralNetwork* ReferralLifecycleTest::net = nullptr;

std::string status_of(ReferralNetwork& n, const std::string& id) {
  auto r = n.server.get("/api/v1/referrals/" + id, n.cw);
  return std::string(r.json().at("status").as_string());
}

// The body each move needs (reasons, codes, outcomes) so only the table decides.
json::object body_for(const std::string& to) {
  json::object b{{"to", to}};
  if (to == "rejected") b["reason_code"] = "no_capacity";
  if (to == "cancelled" || to == "failed") b["reason"] = "The family moved to Manila.";
  if (to == "completed") b["outcome_code"] = "service_provided";
  return b;
}

// Drives a fresh referral into `state` along legal moves; returns its id.
std::string referral_in(ReferralNetwork& n, const std::string& state) {
  if (state == "draft") return n.referral("draft");
  auto id = n.referral("requested");
  static const std::map<std::string, std::vector<std::pair<std::string, bool>>> kPaths = {
      // (to, by sender?)
      {"requested", {}},
      {"received", {{"received", false}}},
      {"accepted", {{"accepted", false}}},
      {"rejected", {{"rejected", false}}},
      {"cancelled", {{"cancelled", true}}},
      {"in-progress", {{"accepted", false}, {"in-progress", false}}},
      {"on-hold", {{"accepted", false}, {"in-progress", false}, {"on-hold", false}}},
      {"completed", {{"accepted", false}, {"completed", false}}},
      {"failed", {{"accepted", false}, {"failed", false}}},
  };
  for (const auto& [to, sender] : kPaths.at(state)) {
    auto r = n.move(id, sender ? n.cw : n.ngo_partner, body_for(to));
    if (r.status != 200) throw std::runtime_error("setup move failed: " + r.body);
  }
  return id;
}

}  // namespace

TEST_F(ReferralLifecycleTest, WholeLoopFromDraftToCompletedWithHistory) {
  auto id = net->referral("draft");
  auto sent = net->move(id, net->cw, {{"to", "requested"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_FALSE(sent.json().at("respond_by").is_null());
  EXPECT_FALSE(sent.json().at("shared").is_null());  // frozen when sent, not when drafted

  // The receiver's first read changes nothing: the UI posts "received" itself.
  auto first = server().get("/api/v1/referrals/" + id, net->ngo_partner);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json().at("status").as_string(), "requested");
  EXPECT_EQ(first.header("etag"), "\"" + std::to_string(first.json().at("version").as_int64()) + "\"");

  for (const char* to : {"received", "accepted", "in-progress", "on-hold", "in-progress"})
    ASSERT_EQ(net->move(id, net->ngo_partner, body_for(to)).status, 200) << to;
  auto done = net->move(id, net->ngo_admin,
                        {{"to", "completed"}, {"outcome_code", "partly_provided"},
                         {"outcome", "Two nights; then moved to relatives."}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto r = done.json().as_object();
  EXPECT_EQ(r.at("status").as_string(), "completed");
  EXPECT_EQ(r.at("outcome_code").as_string(), "partly_provided");
  EXPECT_FALSE(r.at("responded_at").is_null());
  EXPECT_FALSE(r.at("closed_at").is_null());
  auto history = r.at("history").as_array();
  ASSERT_EQ(history.size(), 8u);  // draft, requested, received, accepted, in-progress, on-hold, in-progress, completed
  EXPECT_EQ(history[0].at("to").as_string(), "draft");
  EXPECT_EQ(history[7].at("to").as_string(), "completed");
  EXPECT_EQ(history[7].at("outcome_code").as_string(), "partly_provided");
  EXPECT_EQ(history[7].at("by_display_name").as_string(), "ngo-admin");

  // History is visible to the sender too.
  auto seen = server().get("/api/v1/referrals/" + id, net->cw);
  EXPECT_EQ(seen.json().at("history").as_array().size(), 8u);
}

TEST_F(ReferralLifecycleTest, EveryMoveTheTableDoesNotAllowIs409AndChangesNothing) {
  using enlace::core::Side;
  using enlace::core::Status;
  int checked = 0;
  for (const auto& from_row : enlace::core::kStatusNames) {
    std::string from(from_row.name);
    auto id = referral_in(*net, from);
    ASSERT_EQ(status_of(*net, id), from);
    auto before = server().get("/api/v1/referrals/" + id, net->cw).json();
    for (const auto& to_row : enlace::core::kStatusNames) {
      for (Side side : {Side::sender, Side::receiver}) {
        if (enlace::core::find_transition(from_row.value, to_row.value, side)) continue;
        const std::string& token = side == Side::sender ? net->cw : net->ngo_partner;
        auto r = net->move(id, token, body_for(std::string(to_row.name)),
                           before.at("version").as_int64());
        // A draft does not exist for the receiver yet.
        int expected = (from == "draft" && side == Side::receiver) ? 404 : 409;
        EXPECT_EQ(r.status, expected) << from << " -> " << to_row.name << " by "
                                      << enlace::core::to_string(side) << ": " << r.body;
        if (expected == 409) {
          EXPECT_EQ(r.json().at("type").as_string(), "/problems/illegal-transition");
        }
        ++checked;
      }
    }
    auto after = server().get("/api/v1/referrals/" + id, net->cw).json();
    EXPECT_EQ(after.at("version"), before.at("version")) << from;
    EXPECT_EQ(after.at("status"), before.at("status")) << from;
    EXPECT_EQ(after.at("history").as_array().size(), before.at("history").as_array().size());
  }
  EXPECT_EQ(checked, 10 * 10 * 2 - 18);
}

TEST_F(ReferralLifecycleTest, ReasonsAndOutcomesAreRequiredWhereTheTableSays) {
  auto id = net->referral();
  auto r = net->move(id, net->ngo_partner, {{"to", "rejected"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "reason_code");
  r = net->move(id, net->ngo_partner, {{"to", "rejected"}, {"reason_code", "other"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "reason");
  r = net->move(id, net->ngo_partner, {{"to", "rejected"}, {"reason_code", "too_busy"}});
  EXPECT_EQ(r.status, 422);
  r = net->move(id, net->cw, {{"to", "cancelled"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "reason");
  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "accepted"}}).status, 200);
  r = net->move(id, net->ngo_partner, {{"to", "completed"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "outcome_code");
  EXPECT_EQ(status_of(*net, id), "accepted");
  r = net->move(id, net->ngo_partner, {{"to", "in-progress"}, {"colour", "red"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "colour");
}

TEST_F(ReferralLifecycleTest, RejectionRecordsItsCodedReason) {
  auto id = net->referral();
  auto r = net->move(id, net->ngo_partner,
                     {{"to", "rejected"}, {"reason_code", "outside_area"}, {"reason", "We serve Daraga only."}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("reason_code").as_string(), "outside_area");
  EXPECT_FALSE(r.json().at("responded_at").is_null());
  EXPECT_FALSE(r.json().at("closed_at").is_null());
}

TEST_F(ReferralLifecycleTest, StaleVersionIs412AndMissingIfMatchIs428) {
  auto id = net->referral();
  auto v = net->version(id, net->ngo_partner);
  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "received"}}, v).status, 200);
  auto stale = net->move(id, net->ngo_partner, {{"to", "accepted"}}, v);
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(status_of(*net, id), "received");
  auto missing = server().post("/api/v1/referrals/" + id + "/transitions", json::object{{"to", "accepted"}},
                               net->ngo_partner);
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(status_of(*net, id), "received");
}

TEST_F(ReferralLifecycleTest, SendingOrgAdminAndSendingPartnerCannotMoveIt) {
  auto id = net->referral();
  auto v = net->version(id, net->cw);
  auto admin = net->move(id, net->desk_admin, {{"to", "cancelled"}, {"reason", "no longer needed"}}, v);
  EXPECT_EQ(admin.status, 403);
  auto partner = net->move(id, net->desk_partner, {{"to", "cancelled"}, {"reason", "no longer needed"}}, v);
  EXPECT_EQ(partner.status, 404);
  auto coordinator = net->move(id, net->coordinator, {{"to", "cancelled"}, {"reason", "x"}}, v);
  EXPECT_EQ(coordinator.status, 403);
  EXPECT_EQ(status_of(*net, id), "requested");
}
