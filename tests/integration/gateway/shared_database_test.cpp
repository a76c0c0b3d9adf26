// Two `enlace serve` processes on one PostgreSQL database, as behind a load balancer (API.md
// "PostgreSQL"): live events reach the other process's streams, a sign-out through one is
// refused by the other at once and ends its streams, the scheduled work runs in one process,
// sign-in throttling and idempotency keys hold across them, and kill -9 of one loses no
// acknowledged write while the other takes the scheduled work over.
#include "referral_network.hpp"
#include "support/fixtures.hpp"
#include "support/pg_test_database.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using enlace::test::HttpClient;
using enlace::test::HttpRequest;
using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
using enlace::test::SseReader;
namespace json = boost::json;

namespace {

constexpr int kFailuresAllowed = 3;

ServerOptions shared_options() {
  ServerOptions o;
  o.postgres = true;
  o.env["ENLACE_LOGIN_FAILURES_PER_15_MINUTES"] = std::to_string(kFailuresAllowed);
  // Longer than the waits below: a stream that ends in time was ended by the sign-out's news,
  // not by the periodic review.
  o.env["ENLACE_STREAM_SESSION_CHECK_MS"] = "4000";
  // Which process runs the scheduled work is in the log at level info.
  o.env["ENLACE_LOG_LEVEL"] = "info";
  // A webhook to a closed port on loopback: its deliveries wait in the backlog.
  o.env["ENLACE_WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = "true";
  return o;
}

class SharedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ENLACE_REQUIRE_TEST_POSTGRES();
    // Its servers are on PostgreSQL whatever the backend: once is enough.
    if (enlace::test::testing_postgres())
      GTEST_SKIP() << "runs on PostgreSQL in the plain run (integration_gateway.SharedDatabaseTest)";
    net = std::make_unique<ReferralNetwork>(shared_options());
    ServerOptions b = shared_options();
    b.postgres = false;
    b.existing_db = net->server.db_path();
    other = std::make_unique<ServerProcess>(b);
  }
  void TearDown() override {
    other.reset();
    net.reset();
  }

  ServerProcess& a() { return net->server; }
  ServerProcess& b() { return *other; }

  std::unique_ptr<ReferralNetwork> net;
  std::unique_ptr<ServerProcess> other;
};

// The next event about `referral_id` (others are skipped), or nullopt.
std::optional<enlace::test::SseEvent> next_about(SseReader& s, const std::string& referral_id,
                                                 int timeout_ms = 3000) {
  for (;;) {
    auto e = s.next(timeout_ms);
    if (!e || e->data.find(referral_id) != std::string::npos) return e;
  }
}

HttpRequest login_request(const std::string& username, const std::string& password) {
  return {"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
          json::serialize(json::object{{"username", username}, {"password", password}})};
}

// Waits (polling, at most `seconds`) until the server's log has an event named `event`.
bool logged_within(const ServerProcess& s, const std::string& event, int seconds) {
  const std::string needle = "\"event\":\"" + event + "\"";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  for (;;) {
    if (s.output().find(needle) != std::string::npos) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// The value of the metric line that starts with `name` ("enlace_referrals_overdue "), or -1.
long long metric(ServerProcess& s, const std::string& name) {
  auto r = s.get("/metrics");
  EXPECT_EQ(r.status, 200);
  auto at = r.body.find("\n" + name);
  if (at == std::string::npos) return -1;
  return std::stoll(r.body.substr(at + 1 + name.size()));
}

bool logged(const ServerProcess& s, const std::string& event) {
  return s.output().find("\"event\":\"" + event + "\"") != std::string::npos;
}

}  // namespace

TEST_F(SharedDatabaseTest, EventsMadeThroughOneProcessReachStreamsOnTheOtherOnceInOrder) {
  SseReader inbox_on_b(b().port(), net->ngo_partner);
  SseReader outbox_on_a(a().port(), net->cw);
  ASSERT_EQ(inbox_on_b.status(), 200);
  ASSERT_EQ(outbox_on_a.status(), 200);

  auto id = net->referral();  // through A
  auto created = next_about(inbox_on_b, id);
  ASSERT_TRUE(created) << "B's stream never heard of the referral made through A";
  EXPECT_EQ(created->type, "referral.created");

  // Through B; heard by A's streams, and by B's own.
  ASSERT_EQ(b().post("/api/v1/referrals/" + id + "/messages", {{"body", "Room for three."}},
                     net->ngo_partner).status, 201);
  auto on_a = next_about(outbox_on_a, id);
  ASSERT_TRUE(on_a);
  EXPECT_EQ(on_a->type, "referral.created");
  on_a = next_about(outbox_on_a, id);
  ASSERT_TRUE(on_a) << "A's stream never heard of the message posted through B";
  EXPECT_EQ(on_a->type, "referral.message");
  auto on_b = next_about(inbox_on_b, id);
  ASSERT_TRUE(on_b);
  EXPECT_EQ(on_b->type, "referral.message");

  // Each event once, in the order of its id, whichever process wrote it.
  std::set<long long> seen;
  long long last = std::stoll(on_b->id);
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(b().post("/api/v1/referrals/" + id + "/messages", {{"body", "Noted."}},
                       i % 2 ? net->cw : net->ngo_partner).status, 201);
  for (int got = 0; got < 4; ++got) {
    auto e = next_about(inbox_on_b, id);
    ASSERT_TRUE(e) << "after " << got << " of 4 messages";
    long long n = std::stoll(e->id);
    EXPECT_GT(n, last);
    EXPECT_TRUE(seen.insert(n).second) << "event " << n << " twice";
    last = n;
  }
  EXPECT_FALSE(next_about(inbox_on_b, id, 500)) << "an event came more than once";
}

TEST_F(SharedDatabaseTest, ASignOutThroughOneProcessIsRefusedByTheOtherAtOnceAndEndsItsStream) {
  const std::string token = a().login("ngo-cw");
  // B has looked the session up, and may keep it in its cache.
  ASSERT_EQ(b().get("/api/v1/me", token).status, 200);
  ASSERT_EQ(b().get("/api/v1/me", token).status, 200);
  SseReader stream_on_b(b().port(), token);
  ASSERT_EQ(stream_on_b.status(), 200);

  ASSERT_EQ(a().post("/api/v1/auth/logout", json::object{}, token).status, 204);
  EXPECT_EQ(b().get("/api/v1/me", token).status, 401);
  EXPECT_EQ(a().get("/api/v1/me", token).status, 401);
  EXPECT_FALSE(stream_on_b.next(1500));
  EXPECT_TRUE(stream_on_b.ended()) << "B kept streaming to a session signed out through A";
}

TEST_F(SharedDatabaseTest, ScheduledWorkRunsInOneProcessOverdueNoticesGoOutOnce) {
  constexpr int kCopies = 400;
  auto first = net->referral();  // high urgency: 24 hours to respond
  enlace::test::copy_referral(a().db_path(), first, kCopies, "shared");
  b().advance_minutes(24 * 60 + 1);
  net->advance_minutes(24 * 60 + 1);

  // A listing on each process asks for the scan at the same moment.
  std::thread on_b([&] { b().get("/api/v1/referrals?box=outbox&limit=5", net->cw); });
  ASSERT_EQ(a().get("/api/v1/referrals?box=outbox&limit=5", net->cw).status, 200);
  on_b.join();

  const std::string pending = R"sql(
      SELECT COUNT(*) FROM referral
       WHERE status IN ('requested','received') AND overdue_notified_at IS NULL)sql";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (enlace::test::query_int(a().db_path(), pending) > 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the notices never all went out";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Asked again on both: nothing more is due.
  ASSERT_EQ(b().get("/api/v1/referrals?box=outbox&limit=5", net->cw).status, 200);
  ASSERT_EQ(a().get("/api/v1/referrals?box=outbox&limit=5", net->cw).status, 200);
  EXPECT_EQ(enlace::test::query_int(a().db_path(),
                                    "SELECT COUNT(*) FROM live_event WHERE type = 'referral.overdue'"),
            kCopies + 1);
  EXPECT_EQ(enlace::test::query_int(a().db_path(), R"sql(
      SELECT COUNT(*) FROM (SELECT data FROM live_event WHERE type = 'referral.overdue'
                             GROUP BY data HAVING COUNT(*) > 1) twice)sql"),
            0);

  // One process leads; the other says so and writes no audit anchor line.
  ASSERT_TRUE(logged_within(a(), "audit_head", 5) || logged_within(b(), "audit_head", 1));
  EXPECT_NE(logged(a(), "audit_head"), logged(b(), "audit_head"))
      << "both processes ran the audit anchor";
  EXPECT_NE(logged(a(), "scheduled_work_here"), logged(b(), "scheduled_work_here"));
}

TEST_F(SharedDatabaseTest, ASignInThrottledThroughOneProcessIsThrottledThroughTheOther) {
  HttpClient on_a(a().port()), on_b(b().port());
  for (int i = 0; i < kFailuresAllowed; ++i)
    ASSERT_EQ(on_a.send(login_request("third-cw", "wrong password " + std::to_string(i))).status, 401);
  ASSERT_EQ(on_a.send(login_request("third-cw", "wrong password")).status, 429);
  auto r = on_b.send(login_request("third-cw", ServerProcess::kPassword));
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(r.header("retry-after").empty());
  // Other names are not throttled on either.
  EXPECT_EQ(on_b.send(login_request("third-partner", ServerProcess::kPassword)).status, 200);
}

TEST_F(SharedDatabaseTest, AnIdempotencyKeyUsedThroughOneProcessReplaysThroughTheOther) {
  auto body = ReferralNetwork::case_body("Ana", "Reyes");
  std::vector<std::pair<std::string, std::string>> key{{"Idempotency-Key", "offline-7f3a"}};
  auto first = a().post("/api/v1/cases", body, net->cw, key);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = b().post("/api/v1/cases", body, net->cw, key);
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("location"), first.header("location"));
  auto other_body = ReferralNetwork::case_body("Ana", "Santos");
  EXPECT_EQ(b().post("/api/v1/cases", other_body, net->cw, key).status, 422);
}

TEST_F(SharedDatabaseTest, KillingOneProcessMidLoadLosesNoAcknowledgedWriteAndTheOtherTakesOver) {
  // Whichever leads now, B leads once A is gone.
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<bool> gone{false};
  const int port = a().port();
  const std::string token = net->cw;
  auto body = json::serialize(ReferralNetwork::case_body("Lina", "Bautista"));
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&, c] {
      HttpClient client(port, "127.0.0." + std::to_string(c + 2));
      while (!gone.load()) {
        HttpRequest req{"POST", "/api/v1/cases",
                        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                        body};
        try {
          auto r = client.send(req);
          if (r.status != 201) continue;
          std::lock_guard lock(mu);
          acknowledged.push_back(std::string(json::parse(r.body).at("id").as_string()));
        } catch (const std::exception&) {
          return;  // A is gone
        }
      }
    });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 60) break;
    }
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  a().signal(SIGKILL);
  for (auto& t : clients) t.join();
  gone = true;

  std::vector<std::string> ids;
  {
    std::lock_guard lock(mu);
    ids = acknowledged;
  }
  ASSERT_GE(ids.size(), 60u);
  for (const auto& id : ids) EXPECT_EQ(b().get("/api/v1/cases/" + id, token).status, 200) << id;
  EXPECT_TRUE(logged_within(b(), "scheduled_work_here", 10))
      << "B never took the scheduled work over from the killed A";
}

TEST_F(SharedDatabaseTest, CasesRegisteredThroughBothProcessesAtOnceAreAllCreated) {
  // Two help desks behind the balancer registering people at the same moment: every case is
  // created (a 409 here would make the caseworker retype the person), each once.
  const std::string token = net->cw;
  const auto body = json::serialize(ReferralNetwork::case_body("Lina", "Bautista"));
  std::mutex mu;
  std::vector<int> statuses;
  std::set<std::string> ids;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&, c] {
      HttpClient client(c % 2 == 0 ? a().port() : b().port(), "127.0.0." + std::to_string(c + 2));
      for (int i = 0; i < 25; ++i) {
        HttpRequest req{"POST", "/api/v1/cases",
                        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                        body};
        auto r = client.send(req);
        std::lock_guard lock(mu);
        statuses.push_back(r.status);
        if (r.status == 201) ids.insert(std::string(json::parse(r.body).at("id").as_string()));
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 100);
  EXPECT_EQ(ids.size(), 100u);
  EXPECT_EQ(enlace::test::query_int(a().db_path(), "SELECT COUNT(DISTINCT search_rowid) FROM case_file"),
            enlace::test::query_int(a().db_path(), "SELECT COUNT(*) FROM case_file"));
}

TEST_F(SharedDatabaseTest, EveryProcessReportsTheSameCurrentBacklogFigures) {
  // A webhook nobody answers: the referral's delivery waits, retried later, in the backlog.
  auto hook = a().post("/api/v1/organizations/o-ngo/webhooks",
                       json::object{{"url", "http://127.0.0.1:9/hook"},
                                    {"events", json::array{"referral.created"}}},
                       net->ngo_admin);
  ASSERT_EQ(hook.status, 201) << hook.body;
  net->referral();  // through A; high urgency: 24 hours to respond
  const std::string webhooks = "enlace_delivery_queue_length{channel=\"webhook\"} ";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (enlace::test::query_int(a().db_path(),
                                 "SELECT COUNT(*) FROM webhook_delivery WHERE state = 'queued'") < 1) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no webhook delivery was queued";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Whichever process leads, both say what the database holds, as soon as it holds it.
  EXPECT_EQ(metric(a(), webhooks), 1);
  EXPECT_EQ(metric(b(), webhooks), 1);
  EXPECT_EQ(metric(a(), "enlace_referrals_overdue "), 0);
  EXPECT_EQ(metric(b(), "enlace_referrals_overdue "), 0);

  b().advance_minutes(24 * 60 + 1);
  net->advance_minutes(24 * 60 + 1);
  EXPECT_EQ(metric(a(), "enlace_referrals_overdue "), 1);
  EXPECT_EQ(metric(b(), "enlace_referrals_overdue "), 1);
}
