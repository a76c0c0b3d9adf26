// Sign-in limits under parallel guessing (issue 14, finding 2): failures are reserved before the
// password is hashed, keyed by username and client address with a higher ceiling per username,
// and the hashing queue is bounded (503 with Retry-After past it).
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <thread>

namespace enlace::test {
namespace {

namespace bj = boost::json;

constexpr const char* kWrong = "not the password at all";

HttpRequest login_request(const std::string& username, const std::string& password) {
  return {"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
          bj::serialize(bj::object{{"username", username}, {"password", password}})};
}

// POST /auth/login on its own connection, optionally as a client behind a trusted proxy.
HttpResponse login_once(int port, const std::string& username, const std::string& password,
                        const std::string& forwarded_for = "") {
  HttpClient c(port);
  auto r = login_request(username, password);
  if (!forwarded_for.empty()) r.headers.emplace_back("X-Forwarded-For", forwarded_for);
  return c.send(r);
}

// `n` sign-ins sent at the same moment, each on its own connection; their answers.
std::vector<HttpResponse> parallel_logins(int port, int n, const std::string& username,
                                          const std::string& password) {
  std::vector<HttpResponse> out(n);
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(port);
      auto r = login_request(username, password);
      start.arrive_and_wait();
      out[i] = c.send(r);
    });
  }
  for (auto& t : threads) t.join();
  return out;
}

std::map<int, int> count_statuses(const std::vector<HttpResponse>& answers) {
  std::map<int, int> n;
  for (const auto& a : answers) ++n[a.status];
  return n;
}

}  // namespace

TEST(SignInLimitsTest, ParallelWrongSignInsGetAtMostTenRefusalsThenTooMany) {
  ServerOptions o;
  // The production cost: each guess takes real time on the hashing threads, as in the attack.
  o.env = {{"ENLACE_ARGON2_MEMORY_KIB", "19456"}, {"ENLACE_ARGON2_ITERATIONS", "2"}};
  ServerProcess s(o);
  s.add_user("victim", {"system_admin"});

  auto answers = parallel_logins(s.port(), 40, "victim", kWrong);
  auto n = count_statuses(answers);
  EXPECT_LE(n[401], 10) << "parallel guesses must be limited as strictly as sequential ones";
  EXPECT_GE(n[401], 1);
  EXPECT_EQ(n[401] + n[429], 40) << "no other answer expected (no 503: the queue holds 10)";
  for (const auto& a : answers) {
    if (a.status == 429) {
      EXPECT_GE(std::stoi(a.header("retry-after")), 1);
    }
  }
  EXPECT_EQ(login_once(s.port(), "victim", ServerProcess::kPassword).status, 429)
      << "the right password must not bypass the limit";
}

TEST(SignInLimitsTest, AUserLockedForOneAddressStillSignsInFromAnother) {
  ServerOptions o;
  o.env = {{"ENLACE_TRUSTED_PROXIES", "127.0.0.1"}};  // the test is the proxy
  ServerProcess s(o);
  s.add_user("ana", {"system_admin"});

  const std::string stranger = "203.0.113.66";
  for (int i = 0; i < 10; ++i) EXPECT_EQ(login_once(s.port(), "ana", kWrong, stranger).status, 401) << i;
  auto locked = login_once(s.port(), "ana", ServerProcess::kPassword, stranger);
  EXPECT_EQ(locked.status, 429);
  EXPECT_GE(std::stoi(locked.header("retry-after")), 1);

  // Ana's own office is another address: the stranger's failures do not lock her out there.
  EXPECT_EQ(login_once(s.port(), "ana", ServerProcess::kPassword, "198.51.100.10").status, 200);

  // Guesses spread over many addresses meet the ceiling per username (10 x 10).
  for (int a = 1; a < 10; ++a) {
    std::string address = "203.0.113." + std::to_string(a);
    for (int i = 0; i < 10; ++i)
      EXPECT_EQ(login_once(s.port(), "ana", kWrong, address).status, 401) << address << " " << i;
  }
  auto ceiling = login_once(s.port(), "ana", ServerProcess::kPassword, "198.51.100.11");
  EXPECT_EQ(ceiling.status, 429) << "100 failures for one username lock it everywhere, for a while";
  EXPECT_FALSE(ceiling.header("retry-after").empty());

  s.advance_minutes(16);
  EXPECT_EQ(login_once(s.port(), "ana", ServerProcess::kPassword, stranger).status, 200);
}

TEST(SignInLimitsTest, AFullHashingQueueAnswers503WithRetryAfterAndCountsNoFailure) {
  ServerOptions o;
  // One hashing thread, no queue, and a hash slow enough that the requests overlap.
  o.env = {{"ENLACE_PASSWORD_HASH_THREADS", "1"},
           {"ENLACE_PASSWORD_HASH_QUEUE", "0"},
           {"ENLACE_ARGON2_MEMORY_KIB", "32768"},
           {"ENLACE_ARGON2_ITERATIONS", "2"}};
  ServerProcess s(o);
  s.add_user("ana", {"system_admin"});

  // Fewer than the limit of 10, so that every answer is either checked (401) or refused (503).
  auto answers = parallel_logins(s.port(), 8, "ana", kWrong);
  auto n = count_statuses(answers);
  EXPECT_GE(n[503], 1) << "one hash at a time: the others must be turned away";
  EXPECT_GE(n[401], 1);
  EXPECT_EQ(n[401] + n[503], 8);
  for (const auto& a : answers) {
    if (a.status != 503) continue;
    EXPECT_GE(std::stoi(a.header("retry-after")), 1);
    EXPECT_EQ(a.header("content-type"), "application/problem+json");
  }

  // A 503 is not a failure: exactly 10 wrong answers in all before the limit.
  int refused = n[401];
  for (int i = 0; i < 20; ++i) {
    auto r = login_once(s.port(), "ana", kWrong);
    if (r.status == 429) break;
    ASSERT_EQ(r.status, 401) << r.body;
    ++refused;
  }
  EXPECT_EQ(refused, 10);
}

}  // namespace enlace::test
