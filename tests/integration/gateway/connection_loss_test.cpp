// The database connection lost while serving (issue 15, "Bad days"), on PostgreSQL: while
// clients register cases, the server's backend connections are terminated (as a failover or
// an operator's pg_terminate_backend would). Requests caught by the loss are answered 503
// problem+json with Retry-After (never 500, never a hang), /readyz says not ready while the
// database refuses connections, the server reconnects by itself, and every case acknowledged
// with 201 reads back afterwards.
#include "support/fixtures.hpp"
#include "support/pg_test_database.hpp"
#include "support/server_process.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace enlace::test;
using enlace::storage::Connection;

namespace {

using Clock = std::chrono::steady_clock;

// A case registration: the case, its needs, its search entry and an audit event, one
// transaction.
boost::json::object case_body(int writer, int n) {
  return {{"person", {{"given_name", "W" + std::to_string(writer) + "n" + std::to_string(n)},
                      {"estimated_age", 30}, {"sex", "unknown"}, {"nationality", "EC"}}},
          {"territory_id", "t-quito"},
          {"needs", {{{"category", "shelter"}, {"urgency", "high"}}}}};
}

// The server on a database of its own on the test cluster, whatever ENLACE_TEST_BACKEND says.
class ConnectionLossTest : public ::testing::Test {
 protected:
  static constexpr int kWriters = 4;

  void SetUp() override {
    ENLACE_REQUIRE_TEST_POSTGRES();
    db_.emplace();
    auto init = run_enlace({"init", "--db", db_->uri()});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    ServerOptions o;
    o.existing_db = db_->uri();
    o.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"}};
    server_.emplace(o);
    insert_territory(db_->uri(), "t-quito", "Quito");
    insert_organization(db_->uri(), "o-desk", "Human Mobility Office", "t-quito");
    for (int i = 0; i < kWriters; ++i) {
      server_->add_user("writer" + std::to_string(i), {"caseworker"}, "o-desk");
      tokens_.push_back(server_->login("writer" + std::to_string(i)));
    }
  }
  void TearDown() override {
    if (!db_) return;
    allow_connections(true);
    server_.reset();  // before its database is dropped
  }

  // The cluster's test database, from which the server's database is administered.
  Connection admin() { return Connection::open(std::getenv("ENLACE_TEST_POSTGRES"), {}); }
  // Ends every client connection of the server's database; returns how many there were. Not
  // an autovacuum worker analysing it under the load: it is the superuser's, and ending it is
  // refused to this role (which failed the test as a thrown DbError).
  int terminate_server_connections() {
    auto c = admin();
    auto st = c.prepared(R"sql(
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = ?1 AND pid <> pg_backend_pid() AND backend_type = 'client backend')sql");
    st.bind(1, db_->name());
    int n = 0;
    while (st.step()) ++n;
    return n;
  }
  // The database's name is ours (made by PgTestDatabase), not a user's value.
  void allow_connections(bool allow) {
    admin().exec(("ALTER DATABASE \"" + db_->name() + "\" ALLOW_CONNECTIONS " +
                  (allow ? "true" : "false")).c_str());
  }

  std::optional<PgTestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::vector<std::string> tokens_;
};

// What the load's clients were answered.
struct LoadReport {
  std::mutex mu;
  std::vector<std::string> acknowledged;  // ids answered 201
  std::atomic<int> created{0}, read{0}, unavailable{0};
  std::map<int, int> other;  // status -> count, for anything but success and a proper 503
  std::vector<std::string> faults;  // a 503 without its headers, a slow or missing answer
};

// One client until `stop`: a writer registers cases (201), a reader (writer < 0) lists them
// (200, through the read pool and the session lookup).
void load_until(std::atomic<bool>& stop, int port, const std::string& token, int writer,
                LoadReport& report) {
  HttpClient client(port);
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}};
  for (int n = 0; !stop.load(); ++n) {
    const auto started = Clock::now();
    HttpResponse r;
    try {
      r = writer < 0 ? client.send({"GET", "/api/v1/cases?limit=5", headers, ""})
                     : client.send({"POST", "/api/v1/cases", headers,
                                    boost::json::serialize(case_body(writer, n))});
    } catch (const std::exception& e) {
      std::lock_guard lock(report.mu);
      report.faults.push_back(std::string("no answer: ") + e.what());
      continue;
    }
    const auto took = Clock::now() - started;
    std::lock_guard lock(report.mu);
    if (took > std::chrono::seconds(5))
      report.faults.push_back("an answer took " +
                              std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
                              " ms");
    if (writer >= 0 && r.status == 201) {
      report.acknowledged.emplace_back(r.json().at("id").as_string());
      ++report.created;
    } else if (writer < 0 && r.status == 200) {
      ++report.read;
    } else if (r.status == 503) {
      ++report.unavailable;
      if (r.header("content-type") != "application/problem+json" || r.header("retry-after").empty())
        report.faults.push_back("503 without problem+json and Retry-After: " + r.body);
    } else {
      ++report.other[r.status];
      if (report.other[r.status] == 1)
        report.faults.push_back(std::to_string(r.status) + ": " + r.body);
    }
  }
}

}  // namespace

TEST_F(ConnectionLossTest, RequestsDuringTheLossGet503AndEveryAcknowledgedWriteSurvives) {
  LoadReport report;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  // Stops and joins the load on every way out of this test: a failure that throws here would
  // otherwise destroy joinable threads, and std::terminate would hide what failed.
  struct JoinOnExit {
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~JoinOnExit() {
      stop = true;
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } join_on_exit{stop, writers};
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      load_until(stop, server_->port(), tokens_[static_cast<std::size_t>(i)], i, report);
    });
  writers.emplace_back([&] { load_until(stop, server_->port(), tokens_[0], -1, report); });
  // Waits (briefly: the load runs at hundreds of writes a second) until `n` more were
  // acknowledged; false if the server stopped acknowledging.
  auto acknowledged_more = [&](int n) {
    const int target = report.created.load() + n;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (report.created.load() < target && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return report.created.load() >= target;
  };

  constexpr int kLosses = 3;
  int terminated = 0;
  bool recovered = acknowledged_more(20);
  for (int i = 0; i < kLosses && recovered; ++i) {
    terminated += terminate_server_connections();
    recovered = acknowledged_more(20);  // by itself: no restart
  }
  stop = true;
  for (auto& t : writers) t.join();
  writers.clear();

  EXPECT_TRUE(recovered) << "the server did not serve 201 again after a lost connection";
  EXPECT_GE(terminated, kLosses) << "each loss should end at least the writer's connection";
  std::string faults;
  for (const auto& f : report.faults) faults += f + "\n";
  EXPECT_TRUE(report.faults.empty()) << faults;
  EXPECT_TRUE(report.other.empty()) << "only 201 (200 for a read) or 503 may answer";
  EXPECT_GT(report.read.load(), 0);
  std::printf("connection loss: %d losses (%d backends ended), %d writes acknowledged, %d reads "
              "answered, %d answered 503\n",
              kLosses, terminated, report.created.load(), report.read.load(),
              report.unavailable.load());

  // Nothing acknowledged is lost: each 201 reads back by its id.
  int lost = 0;
  for (const auto& id : report.acknowledged)
    if (server_->get("/api/v1/cases/" + id, tokens_[0]).status != 200) ++lost;
  EXPECT_EQ(lost, 0) << "of " << report.acknowledged.size() << " acknowledged";
  // (Not equal: a connection lost during COMMIT cannot tell whether the server committed, so
  // a 503 there may have been saved; a client retries such a write with an Idempotency-Key.)
  EXPECT_GE(query_int(db_->uri(), "SELECT count(*) FROM case_file"),
            static_cast<long long>(report.acknowledged.size()));
  auto verify = run_enlace({"audit", "verify", "--db", db_->uri()});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST_F(ConnectionLossTest, AConnectionEndedWhileIdleCostsNoRequest) {
  // A failover, a pooler's or an idle timeout's restart ends connections nobody was using:
  // the database is there again, so no client may be told it is not.
  ASSERT_EQ(server_->get("/readyz").status, 200);
  ASSERT_GE(terminate_server_connections(), 2) << "the writer's and the read pool's";
  for (int i = 0; i < 12; ++i) {  // more than the read pool has threads: each meets its own
    auto ready = server_->get("/readyz");
    EXPECT_EQ(ready.status, 200) << i << ": " << ready.body;
    auto write = server_->post("/api/v1/cases", case_body(0, i), tokens_[i % kWriters]);
    EXPECT_EQ(write.status, 201) << i << ": " << write.body;
  }
}

TEST_F(ConnectionLossTest, ReadyzSaysNotReadyWhileTheDatabaseRefusesConnectionsThenRecovers) {
  ASSERT_EQ(server_->get("/readyz").status, 200);
  allow_connections(false);
  terminate_server_connections();

  // Both the read pool's and the writer's connections are gone and cannot come back.
  for (int i = 0; i < 3; ++i) {
    const auto started = Clock::now();
    auto ready = server_->get("/readyz");
    EXPECT_EQ(ready.status, 503) << ready.body;
    EXPECT_EQ(ready.json().at("status"), "unavailable");
    auto write = server_->post("/api/v1/cases", case_body(0, i), tokens_[0]);
    EXPECT_EQ(write.status, 503) << write.body;
    EXPECT_EQ(write.header("content-type"), "application/problem+json");
    EXPECT_EQ(write.header("retry-after"), "1");
    EXPECT_EQ(write.body.find("PostgreSQL"), std::string::npos) << "the cause is for the log";
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(5)) << "no hang while unreachable";
  }
  allow_connections(true);
  EXPECT_EQ(query_int(db_->uri(), "SELECT count(*) FROM case_file"), 0) << "nothing was saved";
  // The next requests reconnect: ready again, and writes are saved, whichever of the read
  // pool's threads serves them.
  for (int i = 0; i < 12; ++i) {
    auto ready = server_->get("/readyz");
    EXPECT_EQ(ready.status, 200) << i << ": " << ready.body;
    auto write = server_->post("/api/v1/cases", case_body(1, i), tokens_[0]);
    ASSERT_EQ(write.status, 201) << i << ": " << write.body;
    std::string id(write.json().at("id").as_string());
    EXPECT_EQ(server_->get("/api/v1/cases/" + id, tokens_[0]).status, 200);
  }
}
