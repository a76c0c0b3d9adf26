// Limits that hold across two `enlace serve` processes on one PostgreSQL database, as behind a
// load balancer (docs/OPERATIONS.md "Two servers behind a load balancer"): request rates per
// user and per address, wrong current passwords and enrolment codes add up whichever process
// counted them, the shared keys are digests keyed by the key file, and a retry reaching the
// other process while the first request still runs does not run twice.
#include "referral_network.hpp"
#include "support/fixtures.hpp"
#include "support/pg_test_database.hpp"
#include "support/totp_code.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

using enlace::test::HttpClient;
using enlace::test::HttpRequest;
using enlace::test::HttpResponse;
using enlace::test::ReferralNetwork;
using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

constexpr int kRatePerMinute = 5;
constexpr int kFailuresAllowed = 3;

class SharedLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ENLACE_REQUIRE_TEST_POSTGRES();
    // Its servers are on PostgreSQL whatever the backend: once is enough.
    if (enlace::test::testing_postgres())
      GTEST_SKIP() << "runs on PostgreSQL in the plain run (integration_gateway.SharedLimitsTest)";
  }
  void TearDown() override {
    other.reset();
    net.reset();
  }

  // Two processes on one database, with the same key file and settings.
  void start(int rate_per_minute = 600) {
    std::string key = keys.path() + "/field.key";
    std::ofstream(key) << std::string(64, '7') << "\n";
    ServerOptions o;
    o.postgres = true;
    o.env["ENLACE_ENCRYPTION_KEY_FILE"] = key;
    o.env["ENLACE_RATE_LIMIT_PER_MINUTE"] = std::to_string(rate_per_minute);
    o.env["ENLACE_LOGIN_FAILURES_PER_15_MINUTES"] = std::to_string(kFailuresAllowed);
    net = std::make_unique<ReferralNetwork>(o);
    o.postgres = false;
    o.existing_db = net->server.db_path();
    other = std::make_unique<ServerProcess>(o);
  }

  ServerProcess& a() { return net->server; }
  ServerProcess& b() { return *other; }

  enlace::test::TempDir keys;
  std::unique_ptr<ReferralNetwork> net;
  std::unique_ptr<ServerProcess> other;
};

HttpRequest login_request(const std::string& username, const std::string& password) {
  return {"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
          json::serialize(json::object{{"username", username}, {"password", password}})};
}

json::object wrong_current_password() {
  return {{"current_password", "not the password at all"},
          {"new_password", "a brand new passphrase 42"}};
}

std::string type_of(const HttpResponse& r) {
  return std::string(r.json().at("type").as_string());
}

std::string sha256_hex(const std::string& text) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : d) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// Waits (polling, at most 20 s) until `n` lock requests wait in the database.
bool waiting_locks(const std::string& db, int n) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (enlace::test::query_int(db, "SELECT COUNT(*) FROM pg_locks WHERE NOT granted") < n) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace

TEST_F(SharedLimitsTest, AUserOverTheRateThroughBothProcessesTogetherIsRefused) {
  start(kRatePerMinute);
  const std::string token = net->cw;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(a().get("/api/v1/me", token).status, 200) << i;
  for (int i = 3; i < kRatePerMinute; ++i) ASSERT_EQ(b().get("/api/v1/me", token).status, 200) << i;
  auto r = b().get("/api/v1/me", token);
  EXPECT_EQ(r.status, 429) << "B let the user past the rate A and B allow together";
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_EQ(a().get("/api/v1/me", token).status, 429);
  // Another user's budget is their own.
  EXPECT_EQ(b().get("/api/v1/me", net->ngo_cw).status, 200);
}

TEST_F(SharedLimitsTest, AnAddressOverTheRateThroughBothProcessesTogetherIsRefused) {
  start(kRatePerMinute);
  HttpClient on_a(a().port(), "127.0.0.9"), on_b(b().port(), "127.0.0.9");
  HttpRequest anonymous{"GET", "/api/v1/me", {}, ""};
  for (int i = 0; i < 3; ++i) ASSERT_EQ(on_a.send(anonymous).status, 401) << i;
  for (int i = 3; i < kRatePerMinute; ++i) ASSERT_EQ(on_b.send(anonymous).status, 401) << i;
  auto r = on_b.send(anonymous);
  EXPECT_EQ(r.status, 429) << "B let the address past the rate A and B allow together";
  EXPECT_FALSE(r.header("retry-after").empty());
  // Another address's budget is its own.
  HttpClient elsewhere(b().port(), "127.0.0.10");
  EXPECT_EQ(elsewhere.send(anonymous).status, 401);
}

TEST_F(SharedLimitsTest, WrongCurrentPasswordsThroughBothProcessesAddUp) {
  start();
  ASSERT_EQ(a().post("/api/v1/me/password", wrong_current_password(), net->cw).status, 422);
  ASSERT_EQ(a().post("/api/v1/me/password", wrong_current_password(), net->cw).status, 422);
  ASSERT_EQ(b().post("/api/v1/me/password", wrong_current_password(), net->cw).status, 422);
  auto r = b().post("/api/v1/me/password", wrong_current_password(), net->cw);
  EXPECT_EQ(r.status, 429) << "B allowed a fourth wrong password: " << r.body;
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_EQ(a().post("/api/v1/me/password", wrong_current_password(), net->cw).status, 429);
  // Another user's guesses are their own.
  EXPECT_EQ(b().post("/api/v1/me/password", wrong_current_password(), net->ngo_cw).status, 422);
}

TEST_F(SharedLimitsTest, WrongEnrolmentCodesThroughBothProcessesAddUp) {
  start();
  auto started = a().post("/api/v1/me/totp", json::object{}, net->cw);
  ASSERT_EQ(started.status, 200) << started.body;
  std::string secret(started.json().at("secret").as_string());
  auto right = enlace::test::totp_code(secret, enlace::test::unix_seconds(a().now()));
  auto wrong = right == "000000" ? std::string("111111") : std::string("000000");
  json::object code{{"code", wrong}};
  ASSERT_EQ(b().post("/api/v1/me/totp/confirm", code, net->cw).status, 422);
  ASSERT_EQ(a().post("/api/v1/me/totp/confirm", code, net->cw).status, 422);
  ASSERT_EQ(b().post("/api/v1/me/totp/confirm", code, net->cw).status, 422);
  auto r = a().post("/api/v1/me/totp/confirm", code, net->cw);
  EXPECT_EQ(r.status, 429) << "A allowed a fourth wrong code: " << r.body;
  EXPECT_FALSE(r.header("retry-after").empty());
}

TEST_F(SharedLimitsTest, TheSharedLimitKeysAreDigestsKeyedByTheKeyFile) {
  start(kRatePerMinute);
  HttpClient on_a(a().port());
  ASSERT_EQ(on_a.send(login_request("third-cw", "wrong password")).status, 401);
  ASSERT_EQ(a().post("/api/v1/me/password", wrong_current_password(), net->cw).status, 422);
  const auto& db = a().db_path();
  ASSERT_GE(enlace::test::query_int(db, "SELECT COUNT(*) FROM limiter_failure"), 4);
  ASSERT_GE(enlace::test::query_int(db, "SELECT COUNT(*) FROM rate_bucket"), 1);
  // Whoever reads the database cannot try every address or name against the digests.
  std::string plain_digests;
  for (const std::string name : {"address:127.0.0.1", "user:third-cw", "pair:127.0.0.1 third-cw"})
    plain_digests += "'" + sha256_hex(name) + "',";
  std::string user_id(a().get("/api/v1/me", net->cw).json().at("id").as_string());
  plain_digests += "'" + sha256_hex("password:" + user_id) + "'";
  EXPECT_EQ(enlace::test::query_int(
                db, "SELECT COUNT(*) FROM limiter_failure WHERE key_digest IN (" + plain_digests + ")"),
            0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT COUNT(*) FROM limiter_failure WHERE key_digest LIKE '%127.0.0.1%'"), 0);
  // Both processes key alike: what A counted, B refuses.
  HttpClient on_b(b().port());
  for (int i = 1; i < kFailuresAllowed; ++i)
    ASSERT_EQ(on_a.send(login_request("third-cw", "wrong password")).status, 401);
  EXPECT_EQ(on_b.send(login_request("third-cw", ServerProcess::kPassword)).status, 429);
}

TEST_F(SharedLimitsTest, ARetryReachingTheOtherProcessWhileTheFirstStillRunsDoesNotRunTwice) {
  start();
  const auto& db = a().db_path();
  const std::string referral = net->referral();
  const std::string target = "/api/v1/referrals/" + referral + "/messages";
  const std::string count = "SELECT COUNT(*) FROM referral_message WHERE referral_id = '" + referral + "'";
  json::object body{{"body", "Room for three from Monday."}};
  std::vector<std::pair<std::string, std::string>> key{{"Idempotency-Key", "offline-in-flight"}};

  // Another session holds the key table, so that A's write waits with its first request in
  // flight; the retry reaches B meanwhile.
  auto holder = enlace::storage::Connection::open(db, {.read_only = false});
  holder.exec("BEGIN");
  holder.exec("LOCK TABLE idempotency_key IN SHARE ROW EXCLUSIVE MODE");
  HttpResponse first, retry;
  std::thread on_a([&] { first = a().post(target, body, net->cw, key); });
  ASSERT_TRUE(waiting_locks(db, 1)) << "A's write never reached the key";
  std::thread on_b([&] { retry = b().post(target, body, net->cw, key); });
  bool both_waiting = waiting_locks(db, 2);
  holder.exec("COMMIT");
  on_a.join();
  on_b.join();
  ASSERT_TRUE(both_waiting) << "B answered before A's first request did: " << retry.status;

  EXPECT_EQ(enlace::test::query_int(db, count), 1)
      << "the message was posted twice: " << first.status << " " << retry.status;
  const HttpResponse& made = first.status == 201 ? first : retry;
  const HttpResponse& refused = first.status == 201 ? retry : first;
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "/problems/idempotency-key-in-use") << refused.body;
  // Once the first has answered, a retry through either gets its answer.
  auto again = b().post(target, body, net->cw, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, made.body);
  EXPECT_EQ(a().post(target, body, net->cw, key).body, made.body);
  EXPECT_EQ(enlace::test::query_int(db, count), 1);
}
