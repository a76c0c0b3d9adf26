// Online backup under concurrent writes, and restore: the copy is consistent, verifies, holds
// every write acknowledged before the backup began, restore waits for the server to stop, and a
// server started on a restored copy serves the records as they were acknowledged.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <optional>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace enlace::test {
namespace {

namespace bj = boost::json;
using Clock = std::chrono::steady_clock;

std::set<std::string> audited_request_ids(const std::string& db) {
  auto c = storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared("SELECT request_id FROM audit_event WHERE action = 'auth.login' AND outcome = 'ok'");
  std::set<std::string> ids;
  while (st.step()) ids.insert(st.text(0));
  return ids;
}

// Clients writing in a loop until stopped, each acknowledged write kept with the time its reply
// arrived, so that a test can tell which were acknowledged before a backup began. `write`
// returns what to keep, or nothing when the server refused.
template <class Ack>
class WriteLoad {
 public:
  using Write = std::function<std::optional<Ack>(HttpClient&, const std::string& tag)>;
  struct Acknowledged {
    Ack what;
    Clock::time_point at;
  };

  WriteLoad(int port, int clients, Write write) {
    for (int t = 0; t < clients; ++t) {
      threads_.emplace_back([this, port, t, write] {
        HttpClient client(port);
        for (int i = 0; !stop_; ++i) {
          auto ack = write(client, std::to_string(t) + "-" + std::to_string(i));
          auto at = Clock::now();
          std::lock_guard lock(mu_);
          if (ack) acknowledged_.push_back({std::move(*ack), at});
          else ++failures_;
          grew_.notify_all();
        }
      });
    }
  }
  ~WriteLoad() { stop(); }

  // Returns once n writes were acknowledged (or one failed): the load is really under way.
  void wait_for(std::size_t n) {
    std::unique_lock lock(mu_);
    grew_.wait(lock, [&] { return acknowledged_.size() >= n || failures_ > 0; });
  }
  // Stops the clients; after this the results below are final.
  void stop() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  const std::vector<Acknowledged>& acknowledged() const { return acknowledged_; }
  int failures() const { return failures_; }

 private:
  std::mutex mu_;
  std::condition_variable grew_;
  std::vector<Acknowledged> acknowledged_;
  int failures_ = 0;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

// The backup here is SQLite's: a database file (its integrity check, a restore to a new path,
// a copy edited in place). PostgreSQL's is pg_dump's, tested in postgres_backup_test.cpp.
#define SKIP_ON_POSTGRES_SQLITE_BACKUP() \
  if (enlace::test::testing_postgres()) GTEST_SKIP() << "SQLite's backup file; PostgresBackup tests pg_dump's"

TEST(BackupTest, BackupUnderConcurrentWritesHoldsEveryAcknowledgedWriteAndRestores) {
  SKIP_ON_POSTGRES_SQLITE_BACKUP();
  ServerProcess server;
  server.add_user("writer", {"system_admin"});
  server.add_user("auditor", {"auditor"});
  const std::string body =
      bj::serialize(bj::object{{"username", "writer"}, {"password", ServerProcess::kPassword}});

  // Sign-ins are writes (a session row and an audit event in one transaction).
  WriteLoad<std::string> load(server.port(), 4, [&](HttpClient& client, const std::string& tag) {
    std::string rid = "w" + tag;
    auto r = client.send({"POST", "/api/v1/auth/login",
                          {{"Content-Type", "application/json"}, {"X-Request-Id", rid}}, body});
    return r.status == 200 ? std::optional(rid) : std::nullopt;
  });
  load.wait_for(12);

  std::string backup = server.dir() + "/backup.db";
  auto began = Clock::now();
  auto made = run_command({ServerProcess::binary(), "backup", "--db", server.db_path(), "--to", backup});
  load.stop();
  ASSERT_EQ(made.exit_code, 0) << made.output;
  EXPECT_EQ(load.failures(), 0);
  EXPECT_NE(made.output.find("audit chain ok"), std::string::npos) << made.output;

  // The copy passes integrity_check and the audit chain on its own.
  {
    auto c = storage::Connection::open(backup, {.read_only = true});
    auto st = c.prepared("PRAGMA integrity_check");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "ok");
  }
  auto verified = run_command({ServerProcess::binary(), "audit", "verify", "--db", backup});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;

  // Every sign-in acknowledged before the backup began is in it.
  auto in_backup = audited_request_ids(backup);
  int before = 0;
  for (const auto& [rid, at] : load.acknowledged()) {
    if (at >= began) continue;
    ++before;
    EXPECT_TRUE(in_backup.count(rid)) << rid << " was acknowledged before the backup began";
  }
  EXPECT_GE(before, 12);
  EXPECT_GT(load.acknowledged().size(), static_cast<std::size_t>(before)) << "no write overlapped the backup";

  // A second backup to the same file is refused rather than overwriting it.
  auto again = run_command({ServerProcess::binary(), "backup", "--db", server.db_path(), "--to", backup});
  EXPECT_NE(again.exit_code, 0);

  // Restore refuses while the server holds the database...
  auto busy = run_command({ServerProcess::binary(), "restore", "--from", backup, "--db", server.db_path()});
  EXPECT_NE(busy.exit_code, 0);
  EXPECT_NE(busy.output.find("in use"), std::string::npos) << busy.output;
  EXPECT_EQ(server.login("auditor").empty(), false);  // and the server is untouched

  // ...and restores once it has stopped; the restored database serves and verifies.
  EXPECT_EQ(server.stop(), 0);
  auto restored = run_command({ServerProcess::binary(), "restore", "--from", backup, "--db", server.db_path()});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(audited_request_ids(server.db_path()), in_backup);
  server.restart();
  auto auditor = server.login("auditor");
  auto v = server.get("/api/v1/audit/verify", auditor);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_TRUE(v.json().at("ok").as_bool()) << v.body;
  auto cli = run_command({ServerProcess::binary(), "audit", "verify", "--db", server.db_path()});
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
}

TEST(BackupTest, ACopyRestoredToANewPathServesEveryCaseAcknowledgedBeforeTheBackup) {
  SKIP_ON_POSTGRES_SQLITE_BACKUP();
  TempDir keys;
  std::string key = keys.path() + "/field.key";
  std::ofstream(key) << std::string(64, 'c') << "\n";
  ServerOptions with_key;
  // The test clock stands still, so the per-token limit would never refill under a write loop.
  with_key.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key}, {"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"}};
  ServerProcess server(with_key);
  insert_territory(server.db_path(), "t-city", "Legazpi City");
  insert_organization(server.db_path(), "o-desk", "Help desk", "t-city");
  server.add_user("worker", {"caseworker"}, "o-desk");
  server.add_user("auditor", {"auditor"});
  const std::string token = server.login("worker");

  // Case registrations from two clients while the backup runs; each reply is what the
  // caseworker was told was saved.
  WriteLoad<bj::object> load(server.port(), 2, [&](HttpClient& client, const std::string& n) {
    bj::object body{{"person", {{"given_name", "Persona " + n}, {"family_name", "Ñandú"},
                                {"birth_date", "1990-05-01"}, {"sex", "female"},
                                {"nationality", "VE"}, {"languages", {"es"}}}},
                    {"territory_id", "t-city"},
                    {"specific_needs", {"pregnancy"}},
                    {"needs", {{{"category", "shelter"}, {"urgency", "high"}, {"note", "note " + n}}}},
                    {"notes", "Private notes " + n}};
    auto r = client.send({"POST", "/api/v1/cases",
                          {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                          bj::serialize(body)});
    return r.status == 201 ? std::optional(r.json().as_object()) : std::nullopt;
  });
  load.wait_for(10);
  std::string backup = server.dir() + "/backup.db";
  auto began = Clock::now();
  auto made = run_command({ServerProcess::binary(), "backup", "--db", server.db_path(), "--to", backup});
  load.stop();
  ASSERT_EQ(made.exit_code, 0) << made.output;
  ASSERT_EQ(load.failures(), 0);

  // Restored beside the running server, which keeps its own file.
  TempDir elsewhere;
  std::string restored = elsewhere.path() + "/restored.db";
  auto put = run_command({ServerProcess::binary(), "restore", "--from", backup, "--db", restored});
  ASSERT_EQ(put.exit_code, 0) << put.output;
  ServerOptions on_copy = with_key;
  on_copy.existing_db = restored;
  ServerProcess copy(on_copy);
  auto worker = copy.login("worker");
  int before = 0;
  for (const auto& [reply, at] : load.acknowledged()) {
    if (at >= began) continue;
    ++before;
    std::string id(reply.at("id").as_string());
    auto r = copy.get("/api/v1/cases/" + id, worker);
    ASSERT_EQ(r.status, 200) << id << " was acknowledged before the backup began";
    auto served = r.json().as_object();
    for (const char* field : {"person", "specific_needs", "needs", "notes", "status", "version",
                              "territory_id", "created_at"})
      EXPECT_EQ(served.at(field), reply.at(field)) << id << " " << field;
  }
  EXPECT_GE(before, 10);
  EXPECT_GT(load.acknowledged().size(), static_cast<std::size_t>(before)) << "no write overlapped the backup";
  auto verify = copy.get("/api/v1/audit/verify", copy.login("auditor"));
  EXPECT_TRUE(verify.json().at("ok").as_bool()) << verify.body;
  EXPECT_EQ(server.get("/api/v1/me", token).status, 200) << "the original server was never touched";
}

TEST(BackupTest, RestoreRefusesABackupWithABrokenChain) {
  SKIP_ON_POSTGRES_SQLITE_BACKUP();
  ServerProcess server;
  server.add_user("writer", {"system_admin"});
  server.login("writer");
  std::string backup = server.dir() + "/backup.db";
  auto made = run_command({ServerProcess::binary(), "backup", "--db", server.db_path(), "--to", backup});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  {
    auto c = storage::Connection::open(backup, {.read_only = false});
    c.exec("UPDATE audit_event SET actor_user = 'someone' WHERE seq = 1");
    c.exec("PRAGMA journal_mode = DELETE");
  }
  EXPECT_EQ(server.stop(), 0);
  auto restored = run_command({ServerProcess::binary(), "restore", "--from", backup, "--db", server.db_path()});
  EXPECT_NE(restored.exit_code, 0);
  EXPECT_NE(restored.output.find("event 1"), std::string::npos) << restored.output;
  auto cli = run_command({ServerProcess::binary(), "audit", "verify", "--db", server.db_path()});
  EXPECT_EQ(cli.exit_code, 0) << cli.output;  // the live database was left alone
}

}  // namespace
}  // namespace enlace::test
