// The webhook dispatcher's work on an in-memory outbox: a failure waits on the retry
// schedule, and an endpoint the outbox disables leaves the system's "webhook.disable" event in
// the webhook's organisation's name, once; a success and a fan-out are recorded as asked.
#include "core/use_cases/webhook_delivery.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/recorded_system_audit.hpp"

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::RecordedSystemAudit;
using testing::SystemEvent;

class RecordedOutbox final : public WebhookOutbox, public WebhookOutboxReader {
 public:
  struct Failure {
    std::string delivery_id;
    std::optional<int> status;
    std::string error;
    Timestamp now;
    std::optional<Timestamp> next;
  };
  WebhookFailure answer;  // what record_failure says became of the endpoint
  std::vector<Failure> failures;
  std::vector<std::pair<std::string, int>> successes;
  std::vector<std::pair<Timestamp, int>> fan_outs;
  std::vector<DueWebhookDelivery> due;
  bool waiting = false;

  std::size_t fan_out(const WebhookFanOut& make, Timestamp now, int limit) override {
    fan_outs.emplace_back(now, limit);
    // One event for one webhook: its id and body are the caller's.
    delivery_bodies.push_back(make.new_delivery_id() + " " +
                              make.body_of(WebhookEvent{1, now, "referral.created", "{}"}, "o-b"));
    return 1;
  }
  void record_success(const DueWebhookDelivery& d, int status, Timestamp) override {
    successes.emplace_back(d.id, status);
  }
  WebhookFailure record_failure(const DueWebhookDelivery& d, std::optional<int> status,
                                const std::string& error, Timestamp now,
                                std::optional<Timestamp> next) override {
    failures.push_back({d.id, status, error, now, next});
    return answer;
  }
  bool has_new_events() override { return waiting; }
  std::vector<DueWebhookDelivery> due_deliveries(Timestamp, int limit) override {
    auto out = due;
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return out;
  }
  std::vector<std::string> delivery_bodies;
};

class WebhookDelivery : public ::testing::Test {
 protected:
  RecordedOutbox outbox;
  RecordedSystemAudit audit;
  WebhookDeliveryPorts ports{outbox, audit};
  Timestamp now = at("2026-12-07T09:00:00Z");

  static DueWebhookDelivery delivery() {
    DueWebhookDelivery d;
    d.id = "msg_1";
    d.webhook_id = "wh-1";
    d.organization_id = "o-b";
    d.url = "https://hooks.example.org/in";
    return d;
  }
};

TEST_F(WebhookDelivery, AFirstFailureIsTriedAgainTenSecondsLaterWithoutAnAuditEvent) {
  auto f = record_webhook_failure(ports, delivery(), 503, "HTTP 503", now, 0.0);
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(f->endpoint_disabled);
  ASSERT_EQ(outbox.failures.size(), 1u);
  EXPECT_EQ(outbox.failures[0].status, 503);
  EXPECT_EQ(outbox.failures[0].error, "HTTP 503");
  EXPECT_EQ(outbox.failures[0].next, now + 10s);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(WebhookDelivery, TheWaitGrowsFromTheFirstFailureAndEndsAfter72Hours) {
  auto d = delivery();
  d.attempts = 3;
  d.first_failed_at = now - 2min;
  ASSERT_TRUE(record_webhook_failure(ports, d, std::nullopt, "timeout", now, 0.0));
  EXPECT_EQ(outbox.failures.back().next, now + 80s);
  d.first_failed_at = now - 72h;
  ASSERT_TRUE(record_webhook_failure(ports, d, std::nullopt, "timeout", now, 0.0));
  EXPECT_EQ(outbox.failures.back().next, std::nullopt);  // given up
}

TEST_F(WebhookDelivery, ADisabledEndpointIsAuditedAsTheSystemsActInItsOrganisationsName) {
  outbox.answer = {true, true};
  auto d = delivery();
  d.attempts = 90;
  d.first_failed_at = now - 73h;
  auto f = record_webhook_failure(ports, d, 500, "HTTP 500", now, 0.0);
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->endpoint_disabled);
  EXPECT_TRUE(f->delivery_given_up);
  EXPECT_EQ(audit.events, (std::vector<SystemEvent>{{"o-b", "webhook.disable", "webhook", "wh-1"}}));
}

TEST_F(WebhookDelivery, ASuccessIsRecordedWithTheReceiversStatus) {
  auto ok = record_webhook_delivered(outbox, delivery(), 204, now);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(outbox.successes, (std::vector<std::pair<std::string, int>>{{"msg_1", 204}}));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(WebhookDelivery, FanOutAndReadsPassTheTimeLimitAndTheCallersIdsAndBodies) {
  outbox.waiting = true;
  auto waiting = webhook_events_waiting(outbox);
  ASSERT_TRUE(waiting.has_value());
  EXPECT_TRUE(*waiting);
  WebhookFanOut make{[] { return std::string("msg_x"); },
                     [](const WebhookEvent& e, const std::string& org) { return e.type + "@" + org; }};
  auto taken = fan_out_webhook_events(outbox, make, now, 500);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(*taken, 1u);
  EXPECT_EQ(outbox.fan_outs, (std::vector<std::pair<Timestamp, int>>{{now, 500}}));
  EXPECT_EQ(outbox.delivery_bodies, std::vector<std::string>{"msg_x referral.created@o-b"});
  outbox.due = {delivery(), delivery(), delivery()};
  auto due = due_webhook_deliveries(outbox, now, 2);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->size(), 2u);
}

}  // namespace
}  // namespace enlace::core
