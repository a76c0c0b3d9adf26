// The mail outbox's delivery on an in-memory queue: what a try's outcome leaves (sent, tried
// again on the retry schedule, failed for good), digests labelled with the day before, and
// which mails a referral event calls for.
#include "core/use_cases/mail_delivery.hpp"

#include "core/mail_event.hpp"
#include "unit/core/test_support.hpp"

#include <tuple>

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;

// What the sender wrote, in order.
class RecordedMailQueue final : public MailQueue {
 public:
  struct Failure {
    std::int64_t id;
    std::string error;
    std::optional<Timestamp> retry_at;
    Timestamp at;
  };
  std::vector<std::pair<std::int64_t, Timestamp>> sent;
  std::vector<Failure> failures;
  std::vector<std::tuple<Timestamp, std::string, Timestamp>> digests;  // day_start, day, now
  std::vector<MailEvent> events;
  int queue_event_mails(const MailEvent& e, Timestamp) override {
    events.push_back(e);
    return 1;
  }
  void queue_respond_link(const std::string&, const std::string&, const std::string&,
                          Timestamp) override {}
  int queue_digests(Timestamp day_start, const std::string& day, Timestamp now) override {
    digests.emplace_back(day_start, day, now);
    return 2;
  }
  void mark_sent(std::int64_t id, Timestamp now) override { sent.emplace_back(id, now); }
  void mark_attempt_failed(std::int64_t id, const std::string& error,
                           std::optional<Timestamp> retry_at, Timestamp now) override {
    failures.push_back({id, error, retry_at, now});
  }
};

class DueMails final : public DueMailReader {
 public:
  std::vector<MailToSend> queued;
  std::vector<std::pair<Timestamp, int>> asks;
  std::vector<MailToSend> due_mails(Timestamp now, int limit) override {
    asks.emplace_back(now, limit);
    return queued;
  }
};

class MailDelivery : public ::testing::Test {
 protected:
  RecordedMailQueue queue;
  Timestamp now = at("2026-12-07T09:00:00Z");

  static MailToSend mail(std::int64_t id) {
    MailToSend m;
    m.id = id;
    m.user_id = "u-1";
    m.email = "ana@example.org";
    m.event = "referral.created";
    return m;
  }
};

TEST_F(MailDelivery, AnAcceptedMailIsMarkedSentAtTheTimeOfTheTry) {
  auto outcome = record_mail_attempt(queue, mail(7), std::nullopt, now, 0.5);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->kind, MailOutcome::Kind::sent);
  EXPECT_EQ(queue.sent, (std::vector<std::pair<std::int64_t, Timestamp>>{{7, now}}));
  EXPECT_TRUE(queue.failures.empty());
}

TEST_F(MailDelivery, AFirstFailureIsTriedAgainTenSecondsLater) {
  auto outcome = record_mail_attempt(queue, mail(7), std::string("451 busy"), now, 0.0);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->kind, MailOutcome::Kind::retry);
  ASSERT_EQ(queue.failures.size(), 1u);
  EXPECT_EQ(queue.failures[0].id, 7);
  EXPECT_EQ(queue.failures[0].error, "451 busy");
  EXPECT_EQ(queue.failures[0].retry_at, now + 10s);
  EXPECT_EQ(outcome->retry_at, now + 10s);
  EXPECT_TRUE(queue.sent.empty());
}

TEST_F(MailDelivery, TheWaitDoublesWithEachFailedTryAndJitterAddsAtMostAFifth) {
  auto m = mail(7);
  m.attempts = 2;  // two tries failed already: the third waits 40 s
  m.first_failed_at = now - 30s;
  auto plain = record_mail_attempt(queue, m, std::string("timeout"), now, 0.0);
  auto spread = record_mail_attempt(queue, m, std::string("timeout"), now, 0.999);
  ASSERT_TRUE(plain.has_value() && spread.has_value());
  EXPECT_EQ(plain->retry_at, now + 40s);
  ASSERT_TRUE(spread->retry_at.has_value());
  EXPECT_GT(*spread->retry_at, now + 40s);
  EXPECT_LE(*spread->retry_at, now + 48s);
}

TEST_F(MailDelivery, AMailFailingFor72HoursIsGivenUp) {
  auto m = mail(7);
  m.attempts = 80;
  m.first_failed_at = now - 72h;
  auto outcome = record_mail_attempt(queue, m, std::string("550 no such user"), now, 0.0);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->kind, MailOutcome::Kind::failed);
  ASSERT_EQ(queue.failures.size(), 1u);
  EXPECT_EQ(queue.failures[0].retry_at, std::nullopt);
  EXPECT_EQ(queue.failures[0].error, "550 no such user");
}

TEST_F(MailDelivery, AnUndeliverableMailFailsAtOnceWithItsReason) {
  auto m = mail(7);
  EXPECT_EQ(undeliverable(m), std::nullopt);
  m.deliverable = false;  // the account was deactivated
  auto why = undeliverable(m);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "the account has no e-mail address or is deactivated");
  auto outcome = record_mail_attempt(queue, m, why, now, 0.0);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->kind, MailOutcome::Kind::failed);
  ASSERT_EQ(queue.failures.size(), 1u);
  EXPECT_EQ(queue.failures[0].retry_at, std::nullopt);
}

TEST_F(MailDelivery, TheOutcomeDecidedIsTheOutcomeRecorded) {
  auto m = mail(7);
  m.attempts = 3;
  m.first_failed_at = now - 1h;
  auto decided = mail_attempt_outcome(m, std::string("timeout"), now, 0.25);
  auto recorded = record_mail_attempt(queue, m, std::string("timeout"), now, 0.25);
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ(decided.kind, recorded->kind);
  EXPECT_EQ(decided.retry_at, recorded->retry_at);
}

TEST_F(MailDelivery, DigestsAfterMidnightTakeTheEntriesOfBeforeTodayLabelledYesterday) {
  auto queued = queue_daily_digests(queue, at("2026-12-07T00:00:05Z"));
  ASSERT_TRUE(queued.has_value());
  EXPECT_EQ(*queued, 2);
  ASSERT_EQ(queue.digests.size(), 1u);
  EXPECT_EQ(std::get<0>(queue.digests[0]), at("2026-12-07T00:00:00Z"));
  EXPECT_EQ(std::get<1>(queue.digests[0]), "2026-12-06");
  EXPECT_EQ(std::get<2>(queue.digests[0]), at("2026-12-07T00:00:05Z"));
}

TEST_F(MailDelivery, DueMailsAreAskedAtTheTimeAndLimitGiven) {
  DueMails reader;
  reader.queued = {mail(1), mail(2)};
  auto due = due_mails(reader, now, 50);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->size(), 2u);
  EXPECT_EQ(reader.asks, (std::vector<std::pair<Timestamp, int>>{{now, 50}}));
}

TEST(MailEvents, ADraftSentIsNewsToTheReceiverAndADraftIsTheSendersAlone) {
  ReferralEvent sent{"referral.updated", "r-1", "o-a", "o-b", Status::requested, 2};
  auto e = mail_event_of(sent, "u-cw");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "referral.created");
  EXPECT_EQ(e->status, "requested");
  EXPECT_TRUE(e->receiver_sees);
  EXPECT_EQ(e->actor_user_id, "u-cw");

  ReferralEvent draft{"referral.created", "r-2", "o-a", "", Status::draft, 1};
  auto d = mail_event_of(draft, "u-cw");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->type, "referral.created");
  EXPECT_FALSE(d->receiver_sees);

  ReferralEvent received{"referral.updated", "r-1", "o-a", "o-b", Status::received, 3};
  EXPECT_EQ(mail_event_of(received, "")->type, "referral.updated");
  EXPECT_EQ(mail_event_of(ReferralEvent{}, "u-cw"), std::nullopt);  // about no referral
}

}  // namespace
}  // namespace enlace::core
