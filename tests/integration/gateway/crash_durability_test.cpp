// Crash durability (issue 8): writes acknowledged before a SIGKILL are all there after a
// restart, and the audit chain still verifies. Every write is a case registration (the case,
// its needs, its search entry and an audit event in one transaction); an acknowledged one
// must be readable by its id after the restart. ENLACE_CRASH_ROUNDS sets the number of
// rounds (default 30).
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace enlace::test;

namespace {

int rounds_from_env() {
  const char* v = std::getenv("ENLACE_CRASH_ROUNDS");
  return v ? std::max(1, std::atoi(v)) : 30;
}

// Writes from one client until the server disappears; returns the acknowledged case ids.
std::vector<std::string> write_until_killed(int port, const std::string& token, int writer) {
  std::vector<std::string> acknowledged;
  HttpClient client(port);
  for (int n = 0;; ++n) {
    boost::json::object body{
        {"person", {{"given_name", "W" + std::to_string(writer) + "n" + std::to_string(n)},
                    {"estimated_age", 30}, {"sex", "unknown"}, {"nationality", "EC"}}},
        {"territory_id", "t-quito"},
        {"needs", {{{"category", "shelter"}, {"urgency", "high"}}}}};
    try {
      auto r = client.send({"POST", "/api/v1/cases",
                            {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                            boost::json::serialize(body)});
      if (r.status != 201) {
        ADD_FAILURE() << "case registration answered " << r.status << ": " << r.body;
        return acknowledged;
      }
      acknowledged.emplace_back(r.json().at("id").as_string());
    } catch (const std::exception&) {
      return acknowledged;  // killed: whatever was not answered was not acknowledged
    }
  }
}

// Every case id the organisation can list (paging through GET /api/v1/cases).
std::set<std::string> listed_ids(ServerProcess& server, const std::string& token) {
  std::set<std::string> ids;
  std::string cursor;
  for (;;) {
    auto r = server.get("/api/v1/cases?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
    if (r.status != 200) throw std::runtime_error("list answered " + std::to_string(r.status));
    auto page = r.json();
    for (const auto& c : page.at("items").as_array()) ids.emplace(c.at("id").as_string());
    if (page.at("next_cursor").is_null()) return ids;
    cursor = std::string(page.at("next_cursor").as_string());
  }
}

}  // namespace

TEST(CrashDurabilityTest, EveryAcknowledgedWriteSurvivesSigkill) {
  ServerOptions o;
  o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"}};
  ServerProcess server(o);
  insert_territory(server.db_path(), "t-quito", "Quito");
  insert_organization(server.db_path(), "o-desk", "Human Mobility Office", "t-quito");
  constexpr int kWriters = 4;
  std::vector<std::string> tokens;
  for (int i = 0; i < kWriters; ++i) {
    server.add_user("writer" + std::to_string(i), {"caseworker"}, "o-desk");
    tokens.push_back(server.login("writer" + std::to_string(i)));
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
      writers.emplace_back([&, i] { acked[static_cast<std::size_t>(i)] = write_until_killed(server.port(), tokens[static_cast<std::size_t>(i)], i); });
    // A random moment: the crash lands anywhere in the writer's group commit.
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    server.signal(SIGKILL);
    for (auto& t : writers) t.join();
    server.restart();

    auto present = listed_ids(server, tokens[0]);
    for (auto& per_writer : acked)
      for (auto& id : per_writer) {
        if (!present.count(id)) ++lost;
        all.push_back(id);
      }
    auto verify = run_command({ServerProcess::binary(), "audit", "verify", "--db", server.db_path()});
    ASSERT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.output;
  }
  // Once more at the end: nothing acknowledged in an early round went missing later.
  // ...and each one reads back by its id.
  for (auto& id : all)
    if (server.get("/api/v1/cases/" + id, tokens[0]).status != 200) ++lost;
  std::printf("crash durability: %d rounds, %zu acknowledged writes, %zu lost\n", rounds, all.size(), lost);
  RecordProperty("rounds", rounds);
  RecordProperty("acknowledged_writes", static_cast<int>(all.size()));
  EXPECT_EQ(lost, 0u);
  EXPECT_GT(all.size(), static_cast<std::size_t>(rounds)) << "the writers should get some writes in";
  EXPECT_EQ(server.stop(), 0);
}
