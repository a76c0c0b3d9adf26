// Live events over SSE against the real server: delivery to the organisations concerned, in
// the scope of the reader's roles, nothing for a third organisation, Last-Event-ID replay
// (filtered the same way), overdue notices, no personal data.
#include "referral_network.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using enlace::test::ReferralNetwork;
using enlace::test::SseReader;
namespace json = boost::json;

namespace {

class ReferralEventsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }
};
ReferralNetwork* ReferralEventsTest::net = nullptr;

// The next event about `referral_id` (others are skipped), or nullopt.
std::optional<enlace::test::SseEvent> next_about(SseReader& s, const std::string& referral_id,
                                                 int timeout_ms = 3000) {
  for (;;) {
    auto e = s.next(timeout_ms);
    if (!e || e->data.find(referral_id) != std::string::npos) return e;
  }
}

// Sends a referral while `token` listens; returns its id and the id of the event the stream
// got (to resume from with Last-Event-ID; empty when none came).
std::pair<std::string, std::string> referral_heard(ReferralNetwork& net, const std::string& token) {
  SseReader s(net.server.port(), token);
  auto id = net.referral();
  auto e = next_about(s, id);
  return {id, e ? e->id : ""};
}

}  // namespace

TEST_F(ReferralEventsTest, ReceiverGetsCreatedAndThirdOrganisationGetsNothing) {
  SseReader inbox(server().port(), net->ngo_partner);
  SseReader outbox(server().port(), net->cw);
  SseReader third(server().port(), net->third_cw);
  ASSERT_EQ(inbox.status(), 200);
  EXPECT_NE(inbox.head().find("text/event-stream"), std::string::npos);

  auto id = net->referral();
  auto e = next_about(inbox, id);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, "referral.created");
  EXPECT_FALSE(e->id.empty());
  auto data = json::parse(e->data).as_object();
  EXPECT_EQ(data.size(), 3u);  // referral_id, status, version: no personal data
  EXPECT_EQ(data.at("status").as_string(), "requested");
  ASSERT_TRUE(next_about(outbox, id));

  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "received"}}).status, 200);
  auto moved = next_about(outbox, id);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->type, "referral.updated");
  ASSERT_EQ(server().post("/api/v1/referrals/" + id + "/messages", {{"body", "Calling her now."}}, net->cw).status, 201);
  auto message = next_about(inbox, id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->type, "referral.updated");  // the receiver's own move reaches it too
  message = next_about(inbox, id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->type, "referral.message");
  EXPECT_EQ(message->data.find("Calling"), std::string::npos);

  // By now the third organisation would have had everything; it got nothing.
  EXPECT_FALSE(third.next(300));
}

TEST_F(ReferralEventsTest, DraftsAreAnnouncedToTheSenderOnly) {
  SseReader inbox(server().port(), net->ngo_partner);
  SseReader outbox(server().port(), net->cw);
  auto id = net->referral("draft");
  ASSERT_TRUE(next_about(outbox, id));
  EXPECT_FALSE(next_about(inbox, id, 300));
}

TEST_F(ReferralEventsTest, LastEventIdReplaysWhatWasMissed) {
  auto last = referral_heard(*net, net->ngo_admin).second;
  ASSERT_FALSE(last.empty());
  auto missed1 = net->referral();
  auto missed2 = net->referral();
  SseReader again(server().port(), net->ngo_admin, last);
  ASSERT_EQ(again.status(), 200);
  auto a = again.next();
  auto b = again.next();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->data.find(missed1), std::string::npos);
  EXPECT_NE(b->data.find(missed2), std::string::npos);
  EXPECT_LT(std::stoll(last), std::stoll(a->id));
  EXPECT_LT(std::stoll(a->id), std::stoll(b->id));
  // Live events still follow, without repeating the replayed ones.
  auto live = net->referral();
  auto c = again.next();
  ASSERT_TRUE(c);
  EXPECT_NE(c->data.find(live), std::string::npos);
}

// Last-Event-ID resumes after the last id a client saw, so a stream must carry events in the
// order of their ids even when many writers commit at once; otherwise a reconnect skips the
// lower ids still in flight, or repeats the higher ones already seen.
TEST_F(ReferralEventsTest, ConcurrentWritesReachAStreamInIdOrder) {
  auto id = net->referral();
  SseReader s(server().port(), net->ngo_admin);
  ASSERT_EQ(s.status(), 200);
  constexpr int kWriters = 8, kEach = 40;
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      enlace::test::HttpClient client(server().port());
      for (int i = 0; i < kEach; ++i) {
        enlace::test::HttpRequest req;
        req.method = "POST";
        req.target = "/api/v1/referrals/" + id + "/messages";
        req.headers = {{"Authorization", "Bearer " + net->cw}, {"Content-Type", "application/json"}};
        req.body = json::serialize(json::object{{"body", "Update " + std::to_string(w * kEach + i)}});
        if (client.send(req).status != 201) ++failed;
      }
    });
  for (auto& t : writers) t.join();
  ASSERT_EQ(failed.load(), 0);
  long long previous = 0;
  int seen = 0, out_of_order = 0;
  while (seen < kWriters * kEach) {
    auto e = next_about(s, id);
    ASSERT_TRUE(e) << "only " << seen << " of " << kWriters * kEach << " messages arrived";
    if (e->type != "referral.message") continue;
    long long n = std::stoll(e->id);
    if (n <= previous) ++out_of_order;
    previous = std::max(previous, n);
    ++seen;
  }
  EXPECT_EQ(out_of_order, 0) << "events arrived out of id order";
}

// o-desk sends, o-ngo receives: a partner hears its organisation's inbox, a caseworker its
// outbox, an org_admin both (core::live_event_scope).
TEST_F(ReferralEventsTest, PartnersHearTheInboxAndCaseworkersTheOutbox) {
  const int port = server().port();
  SseReader ngo_partner(port, net->ngo_partner), ngo_cw(port, net->ngo_cw), ngo_admin(port, net->ngo_admin);
  SseReader desk_partner(port, net->desk_partner), desk_cw(port, net->cw), desk_admin(port, net->desk_admin);
  auto id = net->referral();
  ASSERT_EQ(net->move(id, net->ngo_partner, {{"to", "received"}}).status, 200);
  ASSERT_EQ(server().post("/api/v1/referrals/" + id + "/messages", {{"body", "On our way."}}, net->cw).status, 201);
  for (auto* heard : {&ngo_partner, &ngo_admin, &desk_cw, &desk_admin}) {
    std::vector<std::string> types;
    for (auto e = next_about(*heard, id); e; e = next_about(*heard, id, 300)) types.push_back(e->type);
    EXPECT_EQ(types, (std::vector<std::string>{"referral.created", "referral.updated", "referral.message"}));
  }
  // By now the other side's roles would have had all three.
  EXPECT_FALSE(next_about(desk_partner, id, 300)) << "a partner heard its organisation's outbox";
  EXPECT_FALSE(next_about(ngo_cw, id, 300)) << "a caseworker heard its organisation's inbox";
}

TEST_F(ReferralEventsTest, ReplayIsFilteredByRoleToo) {
  auto last = referral_heard(*net, net->ngo_admin).second;
  ASSERT_FALSE(last.empty());
  auto missed = net->referral();
  const int port = server().port();
  SseReader ngo_partner(port, net->ngo_partner, last), desk_cw(port, net->cw, last);
  SseReader desk_partner(port, net->desk_partner, last), ngo_cw(port, net->ngo_cw, last);
  EXPECT_TRUE(next_about(ngo_partner, missed));
  EXPECT_TRUE(next_about(desk_cw, missed));
  EXPECT_FALSE(next_about(desk_partner, missed, 300)) << "a partner replayed its organisation's outbox";
  EXPECT_FALSE(next_about(ngo_cw, missed, 300)) << "a caseworker replayed its organisation's inbox";
}

TEST_F(ReferralEventsTest, StreamsNeedAParticipatingRole) {
  EXPECT_EQ(SseReader(server().port(), "").status(), 401);
  EXPECT_EQ(SseReader(server().port(), net->coordinator).status(), 403);
  EXPECT_EQ(SseReader(server().port(), net->root).status(), 403);
  EXPECT_EQ(SseReader(server().port(), net->cw, "not-a-number").status(), 400);
}

// Last: moves the clock.
TEST_F(ReferralEventsTest, OverdueNoticeReachesBothSidesOnce) {
  auto [id, before] = referral_heard(*net, net->ngo_admin);  // high: 24 hours to respond
  ASSERT_FALSE(before.empty());
  // A day later every session has ended, and its streams with it: the readers sign in again
  // and resume from the last event they had, as a browser does.
  net->advance_minutes(24 * 60 + 1);
  SseReader outbox(server().port(), net->cw, before);
  SseReader inbox(server().port(), net->ngo_admin, before);
  SseReader third(server().port(), net->third_admin, before);
  // A listing that shows it nudges the scanner (the periodic scan would within 30 s).
  ASSERT_EQ(server().get("/api/v1/referrals?box=outbox", net->cw).status, 200);
  for (auto* s : {&outbox, &inbox}) {
    std::optional<enlace::test::SseEvent> e;
    do e = next_about(*s, id);
    while (e && e->type != "referral.overdue");
    ASSERT_TRUE(e);
    EXPECT_EQ(json::parse(e->data).at("status").as_string(), "requested");
  }
  EXPECT_FALSE(third.next(300));
  ASSERT_EQ(server().get("/api/v1/referrals?box=inbox", net->ngo_admin).status, 200);
  EXPECT_FALSE(next_about(inbox, id, 300));  // once, not at every listing
  auto metrics = server().get("/metrics");
  EXPECT_NE(metrics.body.find("enlace_referrals_overdue "), std::string::npos);
  EXPECT_EQ(metrics.body.find("enlace_referrals_overdue 0\n"), std::string::npos);
}
