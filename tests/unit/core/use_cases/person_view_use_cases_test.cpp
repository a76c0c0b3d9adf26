// The use cases of the routes without a session: opening a respond link, and the person's
// tracking page and feedback, on the in-memory ports: the PIN lock-out, what each attempt
// leaves in the audit trail (never the code or the PIN), and the feedback's message, record
// and live event.
#include "core/use_cases/open_respond_link.hpp"
#include "core/use_cases/track_referral.hpp"

#include "unit/core/use_cases/memory_referral_ports.hpp"
#include "unit/core/test_support.hpp"

#include <chrono>

namespace enlace::core {
namespace {

using namespace std::chrono_literals;
using testing::at;
using testing::MemoryAuditTrail;
using testing::MemoryReferralNotices;
using testing::MemoryReferralStore;
using testing::RecordedAudit;

class PersonViewUseCases : public ::testing::Test {
 protected:
  MemoryReferralStore store;
  MemoryAuditTrail audit;
  MemoryReferralNotices notices;
  ReferralPorts ports{store, audit, notices};
  TrackingPorts tracking{store, notices, audit, notices};
  Timestamp now = at("2026-12-06T10:00:00Z");

  void SetUp() override {
    NewReferral n;
    n.id = "ref-1";
    n.case_id = "case-1";
    n.from_org = "org-a";
    n.to_org = "org-b";
    n.category = "shelter";
    n.respond_by = now + 72h;
    Actor sender{"u-cw", "org-a", {Role::caseworker}, ""};
    ASSERT_TRUE(store.insert_referral(sender, n, now - 1h).has_value());
    store.tracking["ABCD2345"] = TrackingEntry{"ref-1", "hash:123456", 0, std::nullopt};
  }
  TrackingCredentials with_pin(const char* pin) { return {"ABCD2345", pin}; }
};

// ---- open_respond_link ----------------------------------------------------------------------

TEST_F(PersonViewUseCases, ALiveLinkOpensItsReferralAsItsOrganisationAndRecordsNothing) {
  store.respond_links["h-1"] = RespondLinkTarget{"ref-1", "org-b"};
  auto opened = open_respond_link(ports, "h-1", now);
  ASSERT_TRUE(opened.has_value() && opened->value);
  EXPECT_EQ(opened->value->referral_id, "ref-1");
  EXPECT_EQ(opened->value->organization_id, "org-b");
  EXPECT_TRUE(audit.events.empty()) << "the route it opens records its own event";
}

TEST_F(PersonViewUseCases, AnUnknownOrEmptyLinkIsNotFoundAndLeavesAnEvent) {
  for (const char* hash : {"h-unknown", ""}) {
    audit.events.clear();
    auto opened = open_respond_link(ports, hash, now);
    ASSERT_TRUE(opened.has_value()) << "a refusal commits its event";
    ASSERT_TRUE(opened->refused);
    EXPECT_EQ(opened->refused->code, ErrorCode::not_found);
    EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                                {"respond_link.open", "respond_link", "", "not_found"}}));
  }
}

// ---- track_referral -------------------------------------------------------------------------

TEST_F(PersonViewUseCases, TheRightPinShowsThePageAndIsAudited) {
  auto t = track_referral(tracking, with_pin("123456"), now);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->pin.check, PinCheck::ok);
  ASSERT_TRUE(t->view);
  EXPECT_EQ(t->view->category, "shelter");
  EXPECT_EQ(t->view->status, "requested");
  EXPECT_EQ(audit.events,
            (std::vector<RecordedAudit>{{"referral.track", "referral", "ref-1", "ok"}}));
}

TEST_F(PersonViewUseCases, AnUnknownCodeAndAWrongPinAnswerAlike) {
  auto unknown = track_referral(tracking, {"ZZZZ9999", "123456"}, now);
  auto wrong = track_referral(tracking, with_pin("000000"), now);
  ASSERT_TRUE(unknown.has_value() && wrong.has_value());
  EXPECT_EQ(unknown->pin.check, PinCheck::unknown);
  EXPECT_EQ(wrong->pin.check, PinCheck::unknown);
  EXPECT_FALSE(unknown->view || wrong->view);
  EXPECT_EQ(store.tracking.at("ABCD2345").failures, 1);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.track", "referral", "", "not_found"},
                              {"referral.track", "referral", "ref-1", "denied"}}));
}

TEST_F(PersonViewUseCases, TheFifthWrongPinLocksTheCodeForAnHourEvenForTheRightOne) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(track_referral(tracking, with_pin("000000"), now)->pin.check, PinCheck::unknown);
  audit.events.clear();
  auto fifth = track_referral(tracking, with_pin("000000"), now);
  EXPECT_EQ(fifth->pin.check, PinCheck::unknown) << "the attempt that locks still answers 404";
  auto right = track_referral(tracking, with_pin("123456"), now + 10min);
  ASSERT_TRUE(right.has_value());
  EXPECT_EQ(right->pin.check, PinCheck::locked);
  EXPECT_EQ(right->pin.retry_after, 50 * 60);
  EXPECT_FALSE(right->view);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.track", "referral", "ref-1", "locked"},
                              {"referral.track", "referral", "ref-1", "locked"}}));
  auto later = track_referral(tracking, with_pin("123456"), now + 61min);
  EXPECT_EQ(later->pin.check, PinCheck::ok);
  EXPECT_EQ(store.tracking.at("ABCD2345").failures, 0) << "the right PIN clears the count";
  EXPECT_FALSE(store.tracking.at("ABCD2345").locked_until);
}

// ---- give_feedback --------------------------------------------------------------------------

TEST_F(PersonViewUseCases, FeedbackGoesIntoTheThreadAndTheRecordAndBothSidesHearIt) {
  PersonFeedback fb{FeedbackOutcome::turned_away, 2, "They said come back next week."};
  auto said = give_feedback(tracking, with_pin("123456"), fb, "msg-1", "fb-1", now);
  ASSERT_TRUE(said.has_value());
  EXPECT_EQ(said->check, PinCheck::ok);
  ASSERT_EQ(store.thread["ref-1"].size(), 1u);
  EXPECT_EQ(store.thread["ref-1"][0].id, "msg-1");
  EXPECT_EQ(store.thread["ref-1"][0].body, "They said come back next week.");
  ASSERT_EQ(store.feedback.size(), 1u);
  EXPECT_EQ(store.feedback[0].id, "fb-1");
  EXPECT_EQ(store.feedback[0].message_id, "msg-1");
  EXPECT_EQ(store.feedback[0].outcome, FeedbackOutcome::turned_away);
  EXPECT_EQ(store.feedback[0].rating, 2);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.track_feedback", "referral", "ref-1", "ok"},
                              {"referral.message", "referral_message", "msg-1", "ok"}}));
  ASSERT_EQ(notices.events.size(), 1u);
  EXPECT_EQ(notices.events[0].type, "referral.message");
  EXPECT_EQ(notices.events[0].sender, "org-a");
  EXPECT_EQ(notices.events[0].receiver, "org-b");
  EXPECT_EQ(notices.events[0].status, Status::requested);
}

TEST_F(PersonViewUseCases, FeedbackWithAWrongPinLeavesOnlyItsEvent) {
  PersonFeedback fb{FeedbackOutcome::got_service, std::nullopt, ""};
  auto said = give_feedback(tracking, with_pin("000000"), fb, "msg-1", "fb-1", now);
  ASSERT_TRUE(said.has_value());
  EXPECT_EQ(said->check, PinCheck::unknown);
  EXPECT_TRUE(store.thread["ref-1"].empty());
  EXPECT_TRUE(store.feedback.empty());
  EXPECT_TRUE(notices.events.empty());
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"referral.track_feedback", "referral", "ref-1", "denied"}}));
}

}  // namespace
}  // namespace enlace::core
