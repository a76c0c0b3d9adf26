// Which event a refused reply leaves (gateway/request_audit.hpp): the operation's statement,
// else the route's default on personal-data routes; never for a reply already audited.
#include "gateway/request_audit.hpp"

#include <gtest/gtest.h>

using namespace enlace::gateway;

namespace {
const std::map<std::string, std::string> kCaseId{{"id", "c-1"}};
const std::map<std::string, std::string> kNoParams;

RefusedReply reply(int status, std::string_view method, std::string_view route,
                   const std::map<std::string, std::string>& params, bool signed_in = true) {
  return {status, method, route, &params, signed_in};
}
}  // namespace

TEST(RequestAudit, ForbiddenOnAPersonalRouteIsDeniedUnderTheRoutesEntity) {
  RequestAudit a;
  auto r = a.refusal(reply(403, "GET", "/api/v1/cases/{id}", kCaseId));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->operation.action, "case.read");
  EXPECT_EQ(r->operation.entity_type, "case");
  EXPECT_EQ(r->operation.entity_id, "c-1");
  EXPECT_EQ(r->outcome, "denied");
}

TEST(RequestAudit, AWriteMethodIsAuditedAsAWrite) {
  RequestAudit a;
  auto r = a.refusal(reply(404, "PATCH", "/api/v1/users/{id}", kCaseId));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->operation.action, "user.write");
  EXPECT_EQ(r->outcome, "not_found");
}

TEST(RequestAudit, NotFoundOnACollectionUrlLeavesNothing) {
  RequestAudit a;
  EXPECT_FALSE(a.refusal(reply(404, "GET", "/api/v1/cases", kNoParams)));
  auto denied = a.refusal(reply(403, "GET", "/api/v1/cases", kNoParams));
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->operation.entity_id, "");
}

TEST(RequestAudit, RoutesWithoutPersonalDataAndOtherStatusesLeaveNothing) {
  RequestAudit a;
  EXPECT_FALSE(a.refusal(reply(403, "GET", "/api/v1/services/{id}", kCaseId)));
  EXPECT_FALSE(a.refusal(reply(422, "POST", "/api/v1/cases/{id}/consents", kCaseId)));
  EXPECT_FALSE(a.refusal(reply(409, "POST", "/api/v1/referrals/{id}/transitions", kCaseId)));
  EXPECT_FALSE(a.refusal(reply(200, "GET", "/api/v1/cases/{id}", kCaseId)));
}

TEST(RequestAudit, AnAnonymousRefusalByTheRouteLeavesNothing) {
  RequestAudit a;
  EXPECT_FALSE(a.refusal(reply(403, "GET", "/api/v1/cases/{id}", kCaseId, false)));
}

TEST(RequestAudit, TheOperationsStatementReplacesTheRoutesDefault) {
  RequestAudit a;
  a.states({"referral.create", "case", "c-9"});
  auto r = a.refusal(reply(404, "POST", "/api/v1/referrals", kNoParams));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->operation.action, "referral.create");
  EXPECT_EQ(r->operation.entity_type, "case");
  EXPECT_EQ(r->operation.entity_id, "c-9");
  EXPECT_EQ(r->outcome, "not_found");
}

TEST(RequestAudit, AStatedOperationIsAuditedOnAnyRoute) {
  RequestAudit a;
  a.states({"events.subscribe", "live_event", "r-1"});
  auto r = a.refusal(reply(403, "GET", "/api/v1/events", kNoParams));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->operation.action, "events.subscribe");
  EXPECT_EQ(r->outcome, "denied");
}

TEST(RequestAudit, AStatedOperationThatEndsOtherwiseThanRefusedLeavesNothing) {
  RequestAudit a;
  a.states({"case.update", "case", "c-1"});
  EXPECT_FALSE(a.refusal(reply(422, "PATCH", "/api/v1/cases/{id}", kCaseId)));
  EXPECT_FALSE(a.refusal(reply(412, "PATCH", "/api/v1/cases/{id}", kCaseId)));
}

TEST(RequestAudit, AReplayedReplyIsNotAuditedAgain) {
  RequestAudit a;
  a.states_nothing();
  EXPECT_FALSE(a.refusal(reply(404, "POST", "/api/v1/referrals/{id}/transitions", kCaseId)));
}
