// Overdue notices in bulk against the real server: thousands falling due at once (after an
// outage, or an import) go out in bounded writer jobs, so writes are still answered meanwhile,
// and each notice reaches the streams exactly once.
#include "referral_network.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>

using enlace::test::ReferralNetwork;
using enlace::test::SseReader;
namespace json = boost::json;

namespace {

constexpr int kCopies = 5000;

// Every open referral of this test is overdue once the clock moved a day.
long long pending_notices(const std::string& db) {
  return enlace::test::query_int(db, R"sql(
      SELECT COUNT(*) FROM referral
       WHERE status IN ('requested','received') AND overdue_notified_at IS NULL)sql");
}

// Reads a stream until `want` referrals had their overdue notice, resuming with Last-Event-ID
// when the server drops the reader (it does so to a reader that falls behind, never waits for
// one); returns how many notices each referral got.
std::map<std::string, int> notices_from(std::unique_ptr<SseReader> stream, int port,
                                        const std::string& token, std::string last_id,
                                        std::size_t want) {
  EXPECT_EQ(stream->status(), 200);
  std::map<std::string, int> seen;
  while (seen.size() < want) {
    auto e = stream->next(5000);
    if (!e) {
      EXPECT_TRUE(stream->ended()) << "the stream went quiet after " << seen.size() << " notices";
      if (!stream->ended()) break;
      stream = std::make_unique<SseReader>(port, token, last_id);
      continue;
    }
    last_id = e->id;
    if (e->type == "referral.overdue")
      ++seen[std::string(json::parse(e->data).at("referral_id").as_string())];
  }
  // Nothing more is due: a listing now finds every notice sent and nothing else follows.
  for (auto e = stream->next(500); e; e = stream->next(500))
    EXPECT_NE(e->type, "referral.overdue") << e->data;
  return seen;
}

void expect_each_once(const std::map<std::string, int>& notices, const std::string& first) {
  EXPECT_EQ(notices.size(), static_cast<std::size_t>(kCopies + 1));
  EXPECT_EQ(notices.count(first), 1u);
  for (const auto& [id, n] : notices) EXPECT_EQ(n, 1) << id;
}

}  // namespace

TEST(OverdueNoticesTest, WritesAreAnsweredWhileThousandsOfNoticesGoOutEachOnce) {
  ReferralNetwork net;
  auto& server = net.server;
  auto first = net.referral();  // high urgency: 24 hours to respond
  enlace::test::copy_referral(server.db_path(), first, kCopies, "flood");
  auto before = std::to_string(
      enlace::test::query_int(server.db_path(), "SELECT MAX(id) FROM live_event"));
  auto live = std::make_unique<SseReader>(server.port(), net.ngo_partner);

  // A day later; only the two users of this test sign in again, so that the listing comes
  // right after the clock moved (the periodic scan may start the work too: no matter).
  server.advance_minutes(24 * 60 + 1);
  const std::string cw = server.login("cw"), ngo = server.login("ngo-partner");
  // A listing that shows overdue referrals asks the scanner to send their notices now.
  ASSERT_EQ(server.get("/api/v1/referrals?box=outbox&limit=5", cw).status, 200);

  // Writes keep being answered while the scanner works through the backlog.
  int answered_while_pending = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (pending_notices(server.db_path()) > 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the notices never all went out";
    auto r = server.post("/api/v1/referrals/" + first + "/messages",
                         {{"body", "Still waiting for an answer."}}, cw);
    ASSERT_EQ(r.status, 201);
    if (pending_notices(server.db_path()) > 0) ++answered_while_pending;
  }
  EXPECT_GT(answered_while_pending, 0) << "every write waited for the whole backlog";
  EXPECT_EQ(enlace::test::query_int(server.db_path(),
                                    "SELECT COUNT(*) FROM live_event WHERE type = 'referral.overdue'"),
            kCopies + 1);
  ASSERT_EQ(server.get("/api/v1/referrals?box=outbox&limit=5", cw).status, 200);

  // Each side gets each notice once: a stream open during the burst, and a browser that was
  // offline and reconnects with the last id it saw, however many it missed.
  const int port = server.port();
  expect_each_once(notices_from(std::move(live), port, ngo, before, kCopies + 1), first);
  auto resumed = std::make_unique<SseReader>(port, cw, before);
  expect_each_once(notices_from(std::move(resumed), port, cw, before, kCopies + 1), first);
}
