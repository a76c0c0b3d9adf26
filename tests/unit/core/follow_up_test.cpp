#include "core/follow_up.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;

const FollowUpRules kDaily{24h, std::nullopt};

TEST(FollowUp, FirstNoticeOnceTheDeadlinePassed) {
  const Timestamp by = at("2026-03-15T12:00:00Z");
  EXPECT_FALSE(notice_due(kDaily, Status::requested, by, std::nullopt, std::nullopt, by));
  EXPECT_TRUE(notice_due(kDaily, Status::requested, by, std::nullopt, std::nullopt, by + 1ms));
  EXPECT_TRUE(notice_due(kDaily, Status::accepted, by - 48h, by, std::nullopt, by + 1ms));
  EXPECT_FALSE(notice_due(kDaily, Status::completed, by, by, std::nullopt, by + 100h));
}

TEST(FollowUp, RemindersEveryIntervalNotMore) {
  const Timestamp by = at("2026-03-15T12:00:00Z");
  const Timestamp sent = by + 1min;
  EXPECT_FALSE(notice_due(kDaily, Status::received, by, std::nullopt, sent, sent + 23h));
  EXPECT_FALSE(notice_due(kDaily, Status::received, by, std::nullopt, sent, sent + 24h));
  EXPECT_TRUE(notice_due(kDaily, Status::received, by, std::nullopt, sent, sent + 24h + 1ms));
  const FollowUpRules hourly{60min, std::nullopt};
  EXPECT_TRUE(notice_due(hourly, Status::received, by, std::nullopt, sent, sent + 61min));
}

TEST(FollowUp, ANoticeForTheAnswerDoesNotCountForTheOutcome) {
  const Timestamp respond_by = at("2026-03-01T12:00:00Z");
  const Timestamp answer_notice = respond_by + 1h;
  const Timestamp outcome_by = at("2026-03-20T12:00:00Z");
  EXPECT_FALSE(notice_due(kDaily, Status::in_progress, respond_by, outcome_by, answer_notice,
                          outcome_by - 1h));
  EXPECT_TRUE(notice_due(kDaily, Status::in_progress, respond_by, outcome_by, answer_notice,
                         outcome_by + 1ms));
}

TEST(FollowUp, ExpiryOnlyWhenSetAndStillUnanswered) {
  const Timestamp by = at("2026-03-15T12:00:00Z");
  const FollowUpRules half_hour{24h, 30min};
  EXPECT_FALSE(expiry_due(kDaily, Status::requested, by, by + 1000h));
  EXPECT_FALSE(expiry_due(half_hour, Status::requested, by, by + 30min));
  EXPECT_TRUE(expiry_due(half_hour, Status::requested, by, by + 30min + 1ms));
  EXPECT_TRUE(expiry_due(half_hour, Status::received, by, by + 1h));
  for (auto s : {Status::draft, Status::accepted, Status::in_progress, Status::rejected,
                 Status::completed})
    EXPECT_FALSE(expiry_due(half_hour, s, by, by + 1h)) << to_string(s);
  EXPECT_FALSE(expiry_due(half_hour, Status::requested, std::nullopt, by + 1h));
}

}  // namespace
}  // namespace enlace::core
