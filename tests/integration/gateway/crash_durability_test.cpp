// Crash durability (issue 8): writes acknowledged before a SIGKILL are all there after a
// restart, and the audit chain still verifies. Every acknowledged write is a sign-in: it
// commits a session and an audit event, and the token it returns works only if the session
// row was durable. ENLACE_CRASH_ROUNDS sets the number of rounds (default 30).
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

using namespace enlace::test;

namespace {

int rounds_from_env() {
  const char* v = std::getenv("ENLACE_CRASH_ROUNDS");
  return v ? std::max(1, std::atoi(v)) : 30;
}

// Writes from one client until the server disappears; returns the acknowledged tokens.
std::vector<std::string> write_until_killed(int port, const std::string& user) {
  std::vector<std::string> acknowledged;
  HttpClient client(port);
  const std::string body =
      R"({"username":")" + user + R"(","password":")" + ServerProcess::kPassword + "\"}";
  for (;;) {
    try {
      auto r = client.send({"POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}}, body});
      if (r.status != 200) {
        ADD_FAILURE() << "sign-in answered " << r.status << ": " << r.body;
        return acknowledged;
      }
      acknowledged.emplace_back(r.json().at("token").as_string());
    } catch (const std::exception&) {
      return acknowledged;  // killed: whatever was not answered was not acknowledged
    }
  }
}

}  // namespace

TEST(CrashDurabilityTest, EveryAcknowledgedWriteSurvivesSigkill) {
  ServerOptions o;
  // A cheap password hash (the server rehashes on the first sign-in) so that the writes, not
  // Argon2, fill the time between crashes.
  o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"},
           {"ENLACE_ARGON2_MEMORY_KIB", "64"},
           {"ENLACE_ARGON2_ITERATIONS", "1"}};
  ServerProcess server(o);
  constexpr int kWriters = 4;
  for (int i = 0; i < kWriters; ++i) {
    server.add_user("writer" + std::to_string(i), {"system_admin"});
    server.login("writer" + std::to_string(i));
  }

  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> kill_after_ms(50, 600);
  const int rounds = rounds_from_env();
  std::vector<std::string> all;
  std::size_t lost = 0;
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::vector<std::string>> acked(kWriters);
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i)
      writers.emplace_back([&, i] { acked[static_cast<std::size_t>(i)] = write_until_killed(server.port(), "writer" + std::to_string(i)); });
    // A random moment: the crash lands anywhere in the writer's group commit.
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    server.signal(SIGKILL);
    for (auto& t : writers) t.join();
    server.restart();

    for (auto& per_writer : acked)
      for (auto& token : per_writer) {
        auto r = server.get("/api/v1/me", token);
        if (r.status != 200) ++lost;
        all.push_back(token);
      }
    auto verify = run_command({ServerProcess::binary(), "audit", "verify", "--db", server.db_path()});
    ASSERT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.output;
  }
  // Once more at the end: nothing acknowledged in an early round went missing later.
  for (auto& token : all)
    if (server.get("/api/v1/me", token).status != 200) ++lost;
  std::printf("crash durability: %d rounds, %zu acknowledged writes, %zu lost\n", rounds, all.size(), lost);
  RecordProperty("rounds", rounds);
  RecordProperty("acknowledged_writes", static_cast<int>(all.size()));
  EXPECT_EQ(lost, 0u);
  EXPECT_GT(all.size(), static_cast<std::size_t>(rounds)) << "the writers should get some writes in";
  EXPECT_EQ(server.stop(), 0);
}
