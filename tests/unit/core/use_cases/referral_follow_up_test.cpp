// The scheduled follow-up on in-memory ports: what an expiry and an overdue notice leave
// (the audit event in whose name, the live events and to whom), chunk limits, and expiry off.
#include "core/use_cases/referral_follow_up.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/recorded_system_audit.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

#include <deque>

namespace enlace::core {
namespace {

using testing::at;
using testing::RecordedSystemAudit;
using testing::SystemEvent;
using testing::MemoryReferralNotices;

// Referrals waiting for the pass; each call takes up to `limit` of them, as the SQL does.
class QueuedFollowUps final : public FollowUpStore {
 public:
  std::deque<DueReferral> overdue, unanswered;
  std::vector<std::pair<Timestamp, int>> expiry_asks;  // deadline_before, limit
  std::vector<DueReferral> take_overdue(Timestamp, std::chrono::minutes, int limit) override {
    return take(overdue, limit);
  }
  std::vector<DueReferral> expire_unanswered(Timestamp, Timestamp deadline_before,
                                             int limit) override {
    expiry_asks.emplace_back(deadline_before, limit);
    auto out = take(unanswered, limit);
    for (auto& r : out) r.status = Status::rejected, r.version += 1;
    return out;
  }

 private:
  static std::vector<DueReferral> take(std::deque<DueReferral>& q, int limit) {
    std::vector<DueReferral> out;
    while (!q.empty() && static_cast<int>(out.size()) < limit) out.push_back(q.front()), q.pop_front();
    return out;
  }
};

class ReferralFollowUp : public ::testing::Test {
 protected:
  QueuedFollowUps store;
  RecordedSystemAudit audit;
  MemoryReferralNotices notices;
  FollowUpPorts ports{store, audit, notices};
  Timestamp now = at("2026-12-07T09:00:00Z");
  FollowUpRules rules;

  static DueReferral referral(const std::string& id) {
    return {id, "org-help-desk", "org-shelter", Status::requested, 3};
  }
};

TEST_F(ReferralFollowUp, AnExpiredReferralIsAuditedInTheReceiversNameAndBothSidesHearIt) {
  rules.expire_after = std::chrono::hours(48);
  store.unanswered = {referral("r-1")};
  auto closed = expire_unanswered_referrals(ports, rules, now, 200);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(*closed, 1u);
  ASSERT_EQ(store.expiry_asks.size(), 1u);
  EXPECT_EQ(store.expiry_asks[0].first, at("2026-12-05T09:00:00Z"));  // 48 hours before now
  EXPECT_EQ(audit.events, (std::vector<SystemEvent>{{"org-shelter", "referral.expire", "referral", "r-1"}}));
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].type, "referral.updated");
  EXPECT_EQ(notices.events[0].sender, "org-help-desk");
  EXPECT_EQ(notices.events[0].receiver, "org-shelter");
  EXPECT_EQ(notices.events[0].status, Status::rejected);
  EXPECT_EQ(notices.events[0].version, 4);
}

TEST_F(ReferralFollowUp, WithoutAnExpirySettingNothingIsAskedOrClosed) {
  store.unanswered = {referral("r-1")};
  auto closed = expire_unanswered_referrals(ports, rules, now, 200);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(*closed, 0u);
  EXPECT_TRUE(store.expiry_asks.empty());
  EXPECT_TRUE(audit.events.empty());
  EXPECT_TRUE(notices.events.empty());
}

TEST_F(ReferralFollowUp, OverdueNoticesGoToBothSidesAChunkAtATimeAndAreNotAudited) {
  for (const char* id : {"r-1", "r-2", "r-3"}) store.overdue.push_back(referral(id));
  auto first = send_overdue_notices(ports, rules, now, 2);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, 2u);  // a full chunk: the scanner asks again
  auto second = send_overdue_notices(ports, rules, now, 2);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, 1u);  // short: done
  ASSERT_EQ(notices.events.size(), 3u);
  for (const auto& e : notices.events) {
    EXPECT_EQ(e.type, "referral.overdue");
    EXPECT_EQ(e.receiver, "org-shelter");
    EXPECT_EQ(e.status, Status::requested);
  }
  EXPECT_EQ(notices.events[2].referral_id, "r-3");
  EXPECT_TRUE(audit.events.empty());
}

}  // namespace
}  // namespace enlace::core
