#include "core/access_policy.hpp"

#include <gtest/gtest.h>

namespace enlace::core {
namespace {

Actor actor(Role r, std::string org) { return Actor{"u-1", std::move(org), {r}, "s-1"}; }

TEST(AccessPolicy, CaseworkerManagesOwnOrganisationsCasesOnly) {
  auto cw = actor(Role::caseworker, "org-a");
  EXPECT_TRUE(can_create_case(cw));
  EXPECT_TRUE(can_manage_case(cw, "org-a"));
  EXPECT_FALSE(can_manage_case(cw, "org-b"));
}

TEST(AccessPolicy, NoOtherRoleTouchesCases) {
  for (Role r : kAllRoles) {
    if (r == Role::caseworker) continue;
    auto a = actor(r, "org-a");
    EXPECT_FALSE(can_create_case(a)) << to_string(r);
    EXPECT_FALSE(can_manage_case(a, "org-a")) << to_string(r);
    EXPECT_FALSE(can_send_referral(a, "org-a")) << to_string(r);
  }
}

TEST(AccessPolicy, EmptyOrganisationNeverMatches) {
  auto stray = actor(Role::caseworker, "");
  EXPECT_FALSE(can_create_case(stray));
  EXPECT_FALSE(can_manage_case(stray, ""));
  EXPECT_FALSE(can_act_as_receiver(actor(Role::partner, ""), ""));
}

TEST(AccessPolicy, ReceivingOrganisationsPartnerCaseworkerAndAdminActOnInbox) {
  for (Role r : {Role::partner, Role::caseworker, Role::org_admin})
    EXPECT_TRUE(can_act_as_receiver(actor(r, "org-b"), "org-b")) << to_string(r);
  for (Role r : {Role::coordinator, Role::auditor, Role::system_admin})
    EXPECT_FALSE(can_act_as_receiver(actor(r, "org-b"), "org-b")) << to_string(r);
  EXPECT_FALSE(can_act_as_receiver(actor(Role::partner, "org-c"), "org-b"));
}

TEST(AccessPolicy, OnlySendingCaseworkerActsAsSender) {
  EXPECT_TRUE(can_act_as_sender(actor(Role::caseworker, "org-a"), "org-a"));
  EXPECT_FALSE(can_act_as_sender(actor(Role::partner, "org-a"), "org-a"));
  EXPECT_FALSE(can_act_as_sender(actor(Role::org_admin, "org-a"), "org-a"));
  EXPECT_FALSE(can_act_as_sender(actor(Role::caseworker, "org-b"), "org-a"));
}

TEST(AccessPolicy, ReferralVisibleToBothSidesAndNoOneElse) {
  EXPECT_TRUE(can_view_referral(actor(Role::caseworker, "org-a"), "org-a", "org-b"));
  EXPECT_TRUE(can_view_referral(actor(Role::org_admin, "org-a"), "org-a", "org-b"));
  EXPECT_TRUE(can_view_referral(actor(Role::partner, "org-b"), "org-a", "org-b"));
  EXPECT_FALSE(can_view_referral(actor(Role::partner, "org-a"), "org-a", "org-b"));
  EXPECT_FALSE(can_view_referral(actor(Role::caseworker, "org-c"), "org-a", "org-b"));
  EXPECT_FALSE(can_view_referral(actor(Role::coordinator, "org-a"), "org-a", "org-b"));
  EXPECT_FALSE(can_view_referral(actor(Role::system_admin, ""), "org-a", "org-b"));
}

TEST(AccessPolicy, ActingSideFollowsOrganisation) {
  EXPECT_EQ(acting_side(actor(Role::caseworker, "org-a"), "org-a", "org-b", Status::accepted,
                        Status::cancelled),
            Side::sender);
  EXPECT_EQ(acting_side(actor(Role::partner, "org-b"), "org-a", "org-b", Status::requested,
                        Status::accepted),
            Side::receiver);
  EXPECT_EQ(acting_side(actor(Role::partner, "org-c"), "org-a", "org-b", Status::requested,
                        Status::accepted),
            std::nullopt);
}

TEST(AccessPolicy, WithinOneOrganisationTheRowDecidesTheSide) {
  auto cw = actor(Role::caseworker, "org-a");
  EXPECT_EQ(acting_side(cw, "org-a", "org-a", Status::requested, Status::cancelled), Side::sender);
  EXPECT_EQ(acting_side(cw, "org-a", "org-a", Status::requested, Status::accepted),
            Side::receiver);
}

TEST(AccessPolicy, LiveEventsFollowTheRolesSide) {
  EXPECT_EQ(live_event_scope(actor(Role::partner, "org-a")), (EventScope{.received = true}));
  EXPECT_EQ(live_event_scope(actor(Role::caseworker, "org-a")), (EventScope{.sent = true}));
  EXPECT_EQ(live_event_scope(actor(Role::org_admin, "org-a")),
            (EventScope{.received = true, .sent = true}));
  Actor both{"u-1", "org-a", {Role::partner, Role::caseworker}, "s-1"};
  EXPECT_EQ(live_event_scope(both), (EventScope{.received = true, .sent = true}));
  for (Role r : {Role::coordinator, Role::auditor, Role::system_admin})
    EXPECT_FALSE(live_event_scope(actor(r, "org-a")).any()) << to_string(r);
  EXPECT_FALSE(live_event_scope(actor(Role::partner, "")).any());
}

TEST(AccessPolicy, VitalInterestReviewIsTheOrgAdmins) {
  EXPECT_TRUE(can_review_vital_interest(actor(Role::org_admin, "org-a"), "org-a"));
  EXPECT_FALSE(can_review_vital_interest(actor(Role::org_admin, "org-b"), "org-a"));
  EXPECT_FALSE(can_review_vital_interest(actor(Role::caseworker, "org-a"), "org-a"));
}

TEST(AccessPolicy, GapReportForCoordinatorsAndOwnOrgAdmin) {
  EXPECT_TRUE(can_view_gap_report(actor(Role::coordinator, "org-x"), ""));
  EXPECT_TRUE(can_view_gap_report(actor(Role::org_admin, "org-a"), "org-a"));
  EXPECT_FALSE(can_view_gap_report(actor(Role::org_admin, "org-a"), ""));
  EXPECT_FALSE(can_view_gap_report(actor(Role::caseworker, "org-a"), "org-a"));
}

TEST(AccessPolicy, AuditIsTheAuditors) {
  EXPECT_TRUE(can_read_audit(actor(Role::auditor, "")));
  EXPECT_FALSE(can_read_audit(actor(Role::system_admin, "")));
}

}  // namespace
}  // namespace enlace::core
