// Follow-up against the real server with the injected clock: accepted referrals get an
// outcome_by from the response standards and are overdue past it; overdue notices go out once
// and then every overdue_reminder_hours; referrals left unanswered are closed as
// rejected/no_response by the system, and the sender hears it.
#include "core/time.hpp"
#include "referral_network.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::SseReader;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) { return std::string(v.as_string()); }

// The referral.overdue events recorded for one referral (what streams, mail and webhooks read).
long long notices(const ReferralNetwork& net, const std::string& id) {
  return enlace::test::query_int(net.server.db_path(),
                                 "SELECT COUNT(*) FROM live_event WHERE type = 'referral.overdue'"
                                 " AND data LIKE '%\"referral_id\":\"" + id + "\"%'");
}

// The scheduled pass runs when a listing shows something due (and at least every 60 s): wait
// for it to have produced `want` notices for `id`.
void await_notices(ReferralNetwork& net, const std::string& id, long long want) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (notices(net, id) < want) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << "notice " << want << " for " << id << " never came; have " << notices(net, id);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Lists the sender's outbox (asks the pass to run when something shown is due).
json::array outbox(ReferralNetwork& net, const std::string& query = "") {
  auto r = net.server.get("/api/v1/referrals?box=outbox" + query, net.cw);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().at("items").as_array();
}

json::object find_in(const json::array& items, const std::string& id) {
  for (const auto& i : items)
    if (str(i.at("id")) == id) return i.as_object();
  return {};
}

std::string accept(ReferralNetwork& net, const std::string& id) {
  auto r = net.move(id, net.ngo_partner, {{"to", "accepted"}});
  EXPECT_EQ(r.status, 200) << r.body;
  return str(r.json().at("outcome_by"));
}

// A referral with respond_by `minutes` from now.
std::string referral_due_in(ReferralNetwork& net, int minutes) {
  auto c = net.create_case("Probe", "Referral");
  net.consent(c);
  auto body = ReferralNetwork::referral_body(c);
  auto now = enlace::core::parse_timestamp(net.server.now());
  body["respond_by"] = enlace::core::format_timestamp(*now + std::chrono::minutes(minutes));
  auto r = net.server.post("/api/v1/referrals", body, net.cw);
  EXPECT_EQ(r.status, 201) << r.body;
  return str(r.json().at("id"));
}

// `enlace serve --check-config` with these settings in the environment.
enlace::test::CommandResult check_config(const std::map<std::string, std::string>& env) {
  return enlace::test::run_command(
      {enlace::test::ServerProcess::binary(), "serve", "--db", "/tmp/follow-up-check.db",
       "--check-config"},
      "", env);
}

}  // namespace

TEST(FollowUpTest, AcceptedReferralGetsOutcomeByFromTheStandardsAndItsCategoryOverride) {
  ReferralNetwork net;
  auto standards = net.server.get("/api/v1/settings/response-standards", net.root);
  ASSERT_EQ(standards.status, 200);
  // The defaults: 3, 14 and 30 days.
  EXPECT_EQ(standards.json().at("outcome_days").at("high").as_int64(), 14);
  EXPECT_EQ(standards.json().at("outcome_days").at("normal").as_int64(), 30);

  auto first = net.referral();  // shelter, high
  // 2026-11-24T12:00:00Z + 14 days
  EXPECT_EQ(accept(net, first), "2026-12-08T12:00:00Z");

  auto put = net.server.put(
      "/api/v1/settings/response-standards",
      json::object{{"hours", {{"high", 24}}},
                   {"outcome_days", {{"high", 10}, {"by_category", {{"shelter", {{"high", 2}}}}}}}},
      net.root, "\"" + std::to_string(standards.json().at("version").as_int64()) + "\"");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("outcome_days").at("by_category").at("shelter").at("high").as_int64(), 2);
  EXPECT_EQ(put.json().at("outcome_days").at("normal").as_int64(), 30);

  auto shelter = net.referral();
  EXPECT_EQ(accept(net, shelter), "2026-11-26T12:00:00Z");
  // A health referral takes the urgency's figure, not the shelter override.
  auto c = net.create_case("Ana", "Reyes");
  net.consent(c);
  auto body = ReferralNetwork::referral_body(c);
  body["category"] = "health";
  body["service_id"] = "s-ngo-health";
  auto health = net.server.post("/api/v1/referrals", body, net.cw);
  ASSERT_EQ(health.status, 201) << health.body;
  EXPECT_TRUE(health.json().at("outcome_by").is_null());
  EXPECT_EQ(accept(net, str(health.json().at("id"))), "2026-12-04T12:00:00Z");
  // The first keeps the outcome_by it got when it was accepted.
  auto again = net.server.get("/api/v1/referrals/" + first, net.cw);
  EXPECT_EQ(str(again.json().at("outcome_by")), "2026-12-08T12:00:00Z");
}

TEST(FollowUpTest, OutcomeDaysAreValidated) {
  ReferralNetwork net;
  auto put = [&](json::object body) {
    return net.server.put("/api/v1/settings/response-standards", body, net.root, "\"1\"");
  };
  auto r = put({{"hours", json::object{}},
                {"outcome_days", {{"normal", 0}, {"high", 400}, {"later", 3},
                                  {"by_category", {{"knitting", {{"high", 3}}},
                                                   {"shelter", {{"high", 3}}}}}}}});
  ASSERT_EQ(r.status, 422) << r.body;
  for (const char* field : {"outcome_days.normal", "outcome_days.high", "outcome_days.later",
                            "outcome_days.by_category.knitting"})
    EXPECT_NE(r.body.find(field), std::string::npos) << field << " in " << r.body;
  // A value of the wrong type is named alone: type errors come first, then the rules speak.
  auto typed = put({{"hours", json::object{}},
                    {"outcome_days", {{"by_category", {{"shelter", {{"high", "two"}}}}}}}});
  EXPECT_EQ(typed.status, 422);
  EXPECT_NE(typed.body.find("outcome_days.by_category.shelter.high"), std::string::npos) << typed.body;
  EXPECT_EQ(put({{"hours", json::object{}}, {"outcome_days", "thirty"}}).status, 422);
  EXPECT_EQ(put({{"hours", json::object{}}, {"outcome_days", {{"by_category", 3}}}}).status, 422);
  // Nothing changed.
  auto now = net.server.get("/api/v1/settings/response-standards", net.root);
  EXPECT_EQ(now.json().at("version").as_int64(), 1);
  EXPECT_EQ(now.json().at("outcome_days").at("normal").as_int64(), 30);
}

TEST(FollowUpTest, WorkedOnReferralsAreOverduePastOutcomeByUntilCompleted) {
  ReferralNetwork net;
  auto accepted = net.referral();
  auto in_progress = net.referral();
  auto on_hold = net.referral();
  auto completed = net.referral();
  for (const auto& id : {accepted, in_progress, on_hold, completed}) accept(net, id);
  ASSERT_EQ(net.move(in_progress, net.ngo_partner, {{"to", "in-progress"}}).status, 200);
  ASSERT_EQ(net.move(on_hold, net.ngo_partner, {{"to", "in-progress"}}).status, 200);
  ASSERT_EQ(net.move(on_hold, net.ngo_partner, {{"to", "on-hold"}}).status, 200);
  ASSERT_EQ(net.move(completed, net.ngo_partner, {{"to", "in-progress"}}).status, 200);

  // Within the 14 days of a high-urgency outcome: nothing overdue.
  net.advance_minutes(13 * 24 * 60);
  EXPECT_TRUE(outbox(net, "&overdue=true").empty());
  ASSERT_EQ(net.move(completed, net.ngo_partner,
                     {{"to", "completed"}, {"outcome_code", "service_provided"}})
                .status,
            200);

  net.advance_minutes(24 * 60 + 1);
  auto overdue = outbox(net, "&overdue=true");
  EXPECT_EQ(overdue.size(), 3u);
  for (const auto& id : {accepted, in_progress, on_hold}) {
    auto listed = find_in(overdue, id);
    ASSERT_FALSE(listed.empty()) << id;
    EXPECT_TRUE(listed.at("overdue").as_bool());
  }
  EXPECT_TRUE(find_in(overdue, completed).empty());
  auto done = net.server.get("/api/v1/referrals/" + completed, net.cw);
  EXPECT_FALSE(done.json().at("overdue").as_bool());
  // The receiver sees the same flags, overdue first.
  auto inbox = net.server.get("/api/v1/referrals?box=inbox", net.ngo_partner);
  ASSERT_EQ(inbox.status, 200);
  const auto inbox_body = inbox.json();  // named: a reference into a temporary dangles
  const auto& items = inbox_body.at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(items[i].at("overdue").as_bool());
  EXPECT_EQ(str(items[3].at("id")), completed);
  // Each went overdue once: one notice each, to both sides (the stream and mail read these).
  for (const auto& id : {accepted, in_progress, on_hold}) await_notices(net, id, 1);
  EXPECT_EQ(notices(net, completed), 0);
}

TEST(FollowUpTest, OverdueNoticeOnceThenEveryReminderIntervalNotMore) {
  ServerOptions options;
  options.env = {{"ENLACE_OVERDUE_REMINDER_HOURS", "6"}};
  ReferralNetwork net(options);
  auto late = net.referral();  // high: 24 hours to respond

  net.advance_minutes(24 * 60 + 1);
  outbox(net);
  await_notices(net, late, 1);
  // The receiving organisation's org_admin hears it on the stream. A stream ends with the
  // session that opened it, and a day has passed: the new session's stream replays from the
  // start, as a client reconnecting with Last-Event-ID does.
  auto stream = std::make_unique<SseReader>(net.server.port(), net.ngo_admin, "0");
  ASSERT_EQ(stream->status(), 200);
  bool heard = false;
  for (auto e = stream->next(5000); e && !heard; e = stream->next(5000))
    heard = e->type == "referral.overdue" &&
            str(json::parse(e->data).at("referral_id")) == late;
  EXPECT_TRUE(heard);

  // Five hours on, a second referral falls due: the pass runs for it, and sends `late` nothing.
  auto probe = referral_due_in(net, 60);
  net.advance_minutes(5 * 60);
  outbox(net);
  await_notices(net, probe, 1);
  EXPECT_EQ(notices(net, late), 1);

  // Six hours after its notice, the reminder.
  net.advance_minutes(60 + 2);
  outbox(net);
  await_notices(net, late, 2);
  EXPECT_EQ(notices(net, probe), 1);

  // Then every six hours while it stays overdue, once each.
  net.advance_minutes(6 * 60 + 1);
  outbox(net);
  await_notices(net, late, 3);
  await_notices(net, probe, 2);
  EXPECT_EQ(notices(net, late), 3);

  // Answered: no more reminders (accepted, its outcome is days away).
  accept(net, late);
  net.advance_minutes(6 * 60 + 1);
  outbox(net);
  await_notices(net, probe, 3);
  EXPECT_EQ(notices(net, late), 3);
}

TEST(FollowUpTest, UnansweredReferralIsClosedAsNoResponseAndTheSenderTold) {
  ServerOptions options;
  options.env = {{"ENLACE_EXPIRE_UNANSWERED_AFTER_HOURS", "0.5"}};
  ReferralNetwork net(options);
  auto waiting = net.referral();  // respond_by in 24 h
  auto received = net.referral();
  ASSERT_EQ(net.move(received, net.ngo_partner, {{"to", "received"}}).status, 200);
  auto answered = net.referral();
  accept(net, answered);
  // Three more waiting like the first, so that the gap report's count is not hidden as "<5";
  // four more accepted like `answered`, so that complementary suppression need not hide the
  // rejections to protect a small count beside them.
  enlace::test::copy_referral(net.server.db_path(), waiting, 3, "more");
  enlace::test::copy_referral(net.server.db_path(), answered, 4, "answered");

  // Past respond_by, but not yet half an hour past it: still open.
  net.advance_minutes(24 * 60 + 20);
  outbox(net);
  await_notices(net, waiting, 1);
  EXPECT_EQ(str(net.server.get("/api/v1/referrals/" + waiting, net.cw).json().at("status")),
            "requested");

  net.advance_minutes(11);
  outbox(net);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  json::object closed;
  for (;;) {
    closed = net.server.get("/api/v1/referrals/" + waiting, net.cw).json().as_object();
    if (str(closed.at("status")) != "requested") break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "never expired";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(str(closed.at("status")), "rejected");
  EXPECT_EQ(str(closed.at("reason_code")), "no_response");
  EXPECT_TRUE(closed.at("responded_at").is_null());
  EXPECT_FALSE(closed.at("overdue").as_bool());
  const auto& last = closed.at("history").as_array().back();
  EXPECT_EQ(str(last.at("to")), "rejected");
  EXPECT_EQ(str(last.at("reason_code")), "no_response");
  auto other = net.server.get("/api/v1/referrals/" + received, net.cw).json();
  EXPECT_EQ(str(other.at("status")), "rejected");
  EXPECT_EQ(str(other.at("reason_code")), "no_response");
  EXPECT_EQ(str(net.server.get("/api/v1/referrals/" + answered, net.cw).json().at("status")),
            "accepted");

  // The sender is told: a referral.updated event naming the new state (a stream of the
  // session opened after the clock moved, replaying from the start).
  auto sender_stream = std::make_unique<SseReader>(net.server.port(), net.cw, "0");
  ASSERT_EQ(sender_stream->status(), 200);
  bool told = false;
  for (auto e = sender_stream->next(5000); e && !told; e = sender_stream->next(5000)) {
    if (e->type != "referral.updated") continue;
    auto data = json::parse(e->data);
    told = str(data.at("referral_id")) == waiting && str(data.at("status")) == "rejected";
  }
  EXPECT_TRUE(told);

  // As after any rejection, the sender is offered the alternatives.
  auto alternatives = net.server.get("/api/v1/referrals/" + waiting + "/alternatives", net.cw);
  EXPECT_EQ(alternatives.status, 200) << alternatives.body;
  EXPECT_NE(alternatives.body.find("s-alt-shelter"), std::string::npos) << alternatives.body;

  // Audited as the system.
  EXPECT_EQ(enlace::test::query_int(net.server.db_path(),
                                    "SELECT COUNT(*) FROM audit_event WHERE action = 'referral.expire'"
                                    " AND actor_user = 'system' AND entity_id = '" + waiting + "'"),
            1);

  // The gap report counts it as a rejection, by its reason.
  auto gap = net.server.get("/api/v1/stats/gaps?from=2026-11-01&to=2026-12-31", net.coordinator);
  ASSERT_EQ(gap.status, 200) << gap.body;
  auto report = gap.json();
  json::object shelter;
  for (const auto& c : report.at("categories").as_array())
    if (str(c.at("category")) == "shelter") shelter = c.as_object();
  ASSERT_FALSE(shelter.empty()) << gap.body;
  EXPECT_EQ(shelter.at("rejections").at("no_response"), 5) << json::serialize(shelter);
  EXPECT_EQ(shelter.at("referrals").at("rejected"), 5) << json::serialize(shelter);
}

TEST(FollowUpTest, ClientsCannotRejectAsNoResponse) {
  ReferralNetwork net;
  auto id = net.referral();
  auto r = net.move(id, net.ngo_partner, {{"to", "rejected"}, {"reason_code", "no_response"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("reason_code"), std::string::npos);
  EXPECT_EQ(str(net.server.get("/api/v1/referrals/" + id, net.cw).json().at("status")), "requested");
}

TEST(FollowUpTest, RespondByGivenAtCreationMustLieInTheFuture) {
  ReferralNetwork net;
  auto c = net.create_case();
  net.consent(c);
  for (const char* when : {"2026-11-24T11:59:00Z", "2026-11-24T12:00:00Z"}) {
    auto body = ReferralNetwork::referral_body(c);
    body["respond_by"] = when;
    auto r = net.server.post("/api/v1/referrals", body, net.cw);
    EXPECT_EQ(r.status, 422) << when << ": " << r.body;
    EXPECT_NE(r.body.find("respond_by"), std::string::npos);
  }
  EXPECT_EQ(outbox(net).size(), 0u);
}

TEST(FollowUpTest, FollowUpSettingsAreChecked) {
  for (const char* bad : {"-1", "0.001", "never", "9000"}) {
    auto r = check_config({{"ENLACE_EXPIRE_UNANSWERED_AFTER_HOURS", bad}});
    EXPECT_NE(r.exit_code, 0) << bad;
    EXPECT_NE(r.output.find("expire_unanswered_after_hours"), std::string::npos) << r.output;
  }
  auto r = check_config({{"ENLACE_OVERDUE_REMINDER_HOURS", "0"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("overdue_reminder_hours"), std::string::npos) << r.output;
  auto ok = check_config({{"ENLACE_EXPIRE_UNANSWERED_AFTER_HOURS", "36"}});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("expire_unanswered_after_hours = 36"), std::string::npos) << ok.output;
}
