#include "core/referral_lifecycle.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <tuple>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::names_field;

// The test's own copy of PRODUCT.md's lifecycle table: a new arrow is a change in two places.
struct Row {
  Status from, to;
  Side by;
  Needs needs;
};
constexpr Row kExpected[] = {
    {Status::draft, Status::requested, Side::sender, Needs::nothing},
    {Status::requested, Status::received, Side::receiver, Needs::nothing},
    {Status::requested, Status::accepted, Side::receiver, Needs::nothing},
    {Status::received, Status::accepted, Side::receiver, Needs::nothing},
    {Status::requested, Status::rejected, Side::receiver, Needs::reason_code},
    {Status::received, Status::rejected, Side::receiver, Needs::reason_code},
    {Status::requested, Status::cancelled, Side::sender, Needs::reason},
    {Status::received, Status::cancelled, Side::sender, Needs::reason},
    {Status::accepted, Status::cancelled, Side::sender, Needs::reason},
    {Status::accepted, Status::in_progress, Side::receiver, Needs::nothing},
    {Status::in_progress, Status::on_hold, Side::receiver, Needs::nothing},
    {Status::on_hold, Status::in_progress, Side::receiver, Needs::nothing},
    {Status::accepted, Status::completed, Side::receiver, Needs::outcome},
    {Status::in_progress, Status::completed, Side::receiver, Needs::outcome},
    {Status::on_hold, Status::completed, Side::receiver, Needs::outcome},
    {Status::accepted, Status::failed, Side::receiver, Needs::reason},
    {Status::in_progress, Status::failed, Side::receiver, Needs::reason},
    {Status::on_hold, Status::failed, Side::receiver, Needs::reason},
};

constexpr Side kSides[] = {Side::sender, Side::receiver};

const Row* expected_row(Status from, Status to, Side by) {
  for (const Row& r : kExpected)
    if (r.from == from && r.to == to && r.by == by) return &r;
  return nullptr;
}

// The smallest input that satisfies `needs`.
TransitionInput input_for(Needs needs) {
  TransitionInput in;
  if (needs == Needs::reason) in.reason = "the family moved on";
  if (needs == Needs::reason_code) in.reason_code = RejectionReason::no_capacity;
  if (needs == Needs::outcome) in.outcome_code = OutcomeCode::service_provided;
  return in;
}

TEST(ReferralLifecycle, TableHasExactlyTheExpectedRows) {
  ASSERT_EQ(std::size(kTransitions), std::size(kExpected));
  for (const Transition& t : kTransitions) {
    const Row* r = expected_row(t.from, t.to, t.by);
    ASSERT_NE(r, nullptr) << to_string(t.from) << " -> " << to_string(t.to);
    EXPECT_EQ(r->needs, t.needs) << to_string(t.from) << " -> " << to_string(t.to);
  }
}

TEST(ReferralLifecycle, EveryFromToSideIsDecidedByTheTable) {
  int allowed = 0;
  for (const auto& from : kStatusNames)
    for (const auto& to : kStatusNames)
      for (Side by : kSides) {
        const Row* row = expected_row(from.value, to.value, by);
        auto trace = std::string(from.name) + " -> " + std::string(to.name) + " by " +
                     std::string(to_string(by));
        if (row) {
          auto r = check_transition(from.value, to.value, by, input_for(row->needs));
          ASSERT_TRUE(r) << trace << ": " << r.error().detail;
          EXPECT_EQ(*r, to.value) << trace;
          ++allowed;
        } else {
          // Even a caller who sends every field is refused when there is no arrow.
          TransitionInput all;
          all.reason = "why";
          auto r = check_transition(from.value, to.value, by, all);
          ASSERT_FALSE(r) << trace;
          EXPECT_EQ(r.error().code, ErrorCode::conflict) << trace;
          EXPECT_EQ(r.error().type, "illegal-transition") << trace;
        }
      }
  EXPECT_EQ(allowed, static_cast<int>(std::size(kExpected)));
}

TEST(ReferralLifecycle, RowsThatNeedInputRefuseAnEmptyOne) {
  for (const Row& row : kExpected) {
    auto r = check_transition(row.from, row.to, row.by, TransitionInput{});
    auto trace = std::string(to_string(row.from)) + " -> " + std::string(to_string(row.to));
    switch (row.needs) {
      case Needs::nothing: EXPECT_TRUE(r) << trace; break;
      case Needs::reason: EXPECT_TRUE(names_field(r.error(), "reason")) << trace; break;
      case Needs::reason_code: EXPECT_TRUE(names_field(r.error(), "reason_code")) << trace; break;
      case Needs::outcome: EXPECT_TRUE(names_field(r.error(), "outcome_code")) << trace; break;
    }
  }
}

TEST(ReferralLifecycle, ReceiverCannotCancel) {
  auto r = check_transition(Status::accepted, Status::cancelled, Side::receiver,
                            input_for(Needs::reason));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_NE(r.error().detail.find("Only the sender"), std::string::npos) << r.error().detail;
}

TEST(ReferralLifecycle, SenderCannotAccept) {
  auto r = check_transition(Status::requested, Status::accepted, Side::sender, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().type, "illegal-transition");
}

TEST(ReferralLifecycle, TerminalStatesHaveNoWayOut) {
  for (const auto& from : kStatusNames) {
    if (!is_terminal(from.value)) continue;
    for (const Transition& t : kTransitions) EXPECT_NE(t.from, from.value) << from.name;
  }
  EXPECT_TRUE(is_terminal(Status::rejected));
  EXPECT_TRUE(is_terminal(Status::cancelled));
  EXPECT_TRUE(is_terminal(Status::completed));
  EXPECT_TRUE(is_terminal(Status::failed));
  EXPECT_FALSE(is_terminal(Status::on_hold));
  EXPECT_FALSE(is_terminal(Status::draft));
}

TEST(ReferralLifecycle, RejectingWithOtherNeedsReasonText) {
  TransitionInput in;
  in.reason_code = RejectionReason::other;
  auto r = check_transition(Status::received, Status::rejected, Side::receiver, in);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "reason"));
  in.reason = "Closed for renovation";
  EXPECT_TRUE(check_transition(Status::received, Status::rejected, Side::receiver, in));
}

TEST(ReferralLifecycle, FailedTakesAnOptionalOutcomeCode) {
  TransitionInput in = input_for(Needs::reason);
  in.outcome_code = OutcomeCode::partly_provided;
  in.outcome = "Two nights of four";
  EXPECT_TRUE(check_transition(Status::in_progress, Status::failed, Side::receiver, in));
}

TEST(ReferralLifecycle, CodesOnTheWrongTransitionAreRefused) {
  TransitionInput in = input_for(Needs::reason);
  in.reason_code = RejectionReason::duplicate;
  auto r = check_transition(Status::accepted, Status::cancelled, Side::sender, in);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "reason_code"));

  TransitionInput out;
  out.outcome_code = OutcomeCode::service_provided;
  r = check_transition(Status::accepted, Status::in_progress, Side::receiver, out);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "outcome_code"));
}

TEST(ReferralStatus, HyphenatedApiNames) {
  EXPECT_EQ(to_string(Status::in_progress), "in-progress");
  EXPECT_EQ(to_string(Status::on_hold), "on-hold");
  EXPECT_EQ(parse_status("in-progress"), Status::in_progress);
  EXPECT_EQ(parse_status("on-hold"), Status::on_hold);
  EXPECT_FALSE(parse_status("in_progress"));
  EXPECT_FALSE(parse_status("on_hold"));
  for (const auto& row : kStatusNames) EXPECT_EQ(parse_status(row.name), row.value);
  EXPECT_EQ(std::size(kStatusNames), 10u);
}

TEST(ReferralStatus, OverdueWhileWaitingPastRespondBy) {
  const Timestamp deadline = at("2026-03-15T12:00:00Z");
  const Timestamp later = at("2026-03-15T12:00:01Z");
  EXPECT_TRUE(is_overdue(Status::requested, deadline, std::nullopt, later));
  EXPECT_TRUE(is_overdue(Status::received, deadline, std::nullopt, later));
  EXPECT_FALSE(is_overdue(Status::requested, deadline, std::nullopt, deadline));
  EXPECT_FALSE(is_overdue(Status::requested, std::nullopt, std::nullopt, later));
}

TEST(ReferralStatus, OverdueWhileWorkedOnPastOutcomeBy) {
  const Timestamp answer = at("2026-03-10T12:00:00Z");
  const Timestamp outcome = at("2026-03-15T12:00:00Z");
  const Timestamp between = at("2026-03-12T12:00:00Z");
  const Timestamp later = at("2026-03-15T12:00:01Z");
  for (auto s : {Status::accepted, Status::in_progress, Status::on_hold}) {
    // An accepted referral answered long ago is held to its outcome, not its answer.
    EXPECT_FALSE(is_overdue(s, answer, outcome, between)) << to_string(s);
    EXPECT_FALSE(is_overdue(s, answer, outcome, outcome)) << to_string(s);
    EXPECT_TRUE(is_overdue(s, answer, outcome, later)) << to_string(s);
    // Accepted before outcome_by existed: nothing to be late for.
    EXPECT_FALSE(is_overdue(s, answer, std::nullopt, later)) << to_string(s);
    EXPECT_EQ(due_at(s, answer, outcome), outcome);
  }
  EXPECT_EQ(due_at(Status::requested, answer, outcome), answer);
  for (auto s : {Status::draft, Status::rejected, Status::cancelled, Status::completed,
                 Status::failed}) {
    EXPECT_FALSE(is_overdue(s, answer, outcome, later)) << to_string(s);
    EXPECT_FALSE(due_at(s, answer, outcome)) << to_string(s);
  }
}

TEST(TransitionInput, ParsesCodesAndTrimsText) {
  TransitionInputDraft d{"no_capacity", "  full tonight ", "not_provided", " none "};
  auto in = make_transition_input(d);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->reason_code, RejectionReason::no_capacity);
  EXPECT_EQ(in->reason, "full tonight");
  EXPECT_EQ(in->outcome_code, OutcomeCode::not_provided);
  EXPECT_EQ(in->outcome, "none");
}

TEST(TransitionInput, NoResponseIsTheSystemsAlone) {
  TransitionInputDraft d;
  d.reason_code = "no_response";
  auto in = make_transition_input(d);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().fields.items().at(0).field, "reason_code");
  EXPECT_EQ(parse_rejection_reason("no_response"), RejectionReason::no_response);
}

TEST(TransitionInput, ReportsUnknownCodesAndLongText) {
  TransitionInputDraft d{"busy", std::string(2001, 'r'), "done", {}};
  auto in = make_transition_input(d);
  ASSERT_FALSE(in);
  for (auto f : {"reason_code", "reason", "outcome_code"})
    EXPECT_TRUE(names_field(in.error(), f)) << f;
}

}  // namespace
}  // namespace enlace::core
