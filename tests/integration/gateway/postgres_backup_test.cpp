// `enlace backup` and `enlace restore` on PostgreSQL (API.md "PostgreSQL"): the backup is
// pg_dump's custom format (readable by pg_restore) of a verified snapshot; restore puts it into
// an empty database owned by the connecting role and verifies it, and the restored deployment
// holds every row and the same audit chain; a target with tables, a file that is not a dump and
// an existing backup file are refused, changing nothing. A backup taken while writers commit
// holds every write acknowledged before it began and restores to a chain that verifies; a dump
// whose chain was cut is refused and leaves the target empty.
#include "support/fixtures.hpp"
#include "support/pg_test_database.hpp"
#include "support/server_process.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace enlace::test {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> table_counts(const std::string& uri) {
  auto c = storage::PgConnection::open(uri);
  auto tables = c.query(
      "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'");
  std::map<std::string, std::string> counts;
  for (int i = 0; i < tables.rows(); ++i)
    counts[tables.text(i, 0)] = c.query("SELECT count(*) FROM \"" + tables.text(i, 0) + "\"").text(0, 0);
  return counts;
}

std::string pg_value(const std::string& uri, const std::string& sql) {
  auto c = storage::PgConnection::open(uri);
  auto r = c.query(sql);
  return r.rows() > 0 ? r.text(0, 0) : "";
}

// The demo deployment moved to PostgreSQL (migrate is tested on its own): a database worth
// backing up.
void demo_on_postgres(const std::string& uri, const TempDir& dir) {
  const std::string source = dir.path() + "/demo.db";
  auto init = run_enlace({"init", "--db", source, "--demo"});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  auto moved = run_enlace({"migrate", "--from", source, "--to", uri});
  ASSERT_EQ(moved.exit_code, 0) << moved.output;
}

TEST(PostgresBackup, RestoredDeploymentHoldsEveryRowAndTheSameChain) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  PgTestDatabase live;
  demo_on_postgres(live.uri(), dir);
  const std::string file = dir.path() + "/enlace.pgdump";

  auto backup = run_enlace({"backup", "--db", live.uri(), "--to", file});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("audit chain ok with"), std::string::npos) << backup.output;
  EXPECT_FALSE(fs::exists(file + ".partial"));
  {
    std::ifstream in(file, std::ios::binary);
    std::string magic(5, '\0');
    in.read(magic.data(), 5);
    EXPECT_EQ(magic, "PGDMP") << "pg_dump's custom format";
  }
  auto listed = run_command({"/usr/bin/pg_restore", "--list", file});
  EXPECT_EQ(listed.exit_code, 0) << listed.output;

  PgTestDatabase restored;
  auto r = run_enlace({"restore", "--from", file, "--db", restored.uri()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("audit chain ok with"), std::string::npos) << r.output;

  EXPECT_EQ(table_counts(restored.uri()), table_counts(live.uri()));
  EXPECT_GT(std::stoi(pg_value(restored.uri(), "SELECT count(*) FROM referral")), 0);
  EXPECT_EQ(pg_value(restored.uri(), "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                     "WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) <> current_user"),
            "0")
      << "everything restored belongs to the connecting role";
  auto on_live = run_enlace({"audit", "verify", "--db", live.uri()});
  auto on_restored = run_enlace({"audit", "verify", "--db", restored.uri()});
  EXPECT_EQ(on_live.exit_code, 0) << on_live.output;
  EXPECT_EQ(on_restored.output, on_live.output);
}

TEST(PostgresBackup, RefusalsChangeNothing) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  PgTestDatabase live;
  demo_on_postgres(live.uri(), dir);
  const std::string file = dir.path() + "/enlace.pgdump";
  ASSERT_EQ(run_enlace({"backup", "--db", live.uri(), "--to", file}).exit_code, 0);

  // An existing backup file is never overwritten.
  const auto size = fs::file_size(file);
  auto again = run_enlace({"backup", "--db", live.uri(), "--to", file});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_EQ(line_count(again.output), 1) << again.output;
  EXPECT_EQ(fs::file_size(file), size);

  // A target that holds tables (here the live deployment itself) is refused.
  const auto before = table_counts(live.uri());
  auto onto_live = run_enlace({"restore", "--from", file, "--db", live.uri()});
  EXPECT_EQ(onto_live.exit_code, 1) << onto_live.output;
  EXPECT_EQ(line_count(onto_live.output), 1) << onto_live.output;
  EXPECT_NE(onto_live.output.find("restore needs an empty database"), std::string::npos) << onto_live.output;
  EXPECT_EQ(table_counts(live.uri()), before);

  // A file that is not a dump (a SQLite database, say) is refused before anything connects.
  PgTestDatabase empty;
  const std::string sqlite = dir.path() + "/demo.db";
  auto wrong = run_enlace({"restore", "--from", sqlite, "--db", empty.uri()});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
  EXPECT_EQ(line_count(wrong.output), 1) << wrong.output;
  EXPECT_NE(wrong.output.find("is not a PostgreSQL backup"), std::string::npos) << wrong.output;
  EXPECT_EQ(pg_value(empty.uri(), "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"),
            "0");
}

// Clients registering cases until stopped; the ids answered 201, in the order acknowledged.
class Writers {
 public:
  Writers(ServerProcess& server, const std::vector<std::string>& tokens) {
    for (std::size_t i = 0; i < tokens.size(); ++i)
      threads_.emplace_back([this, port = server.port(), token = tokens[i], i] { write(port, token, i); });
  }
  ~Writers() { stop(); }
  void stop() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  std::vector<std::string> acknowledged() {
    std::lock_guard lock(mu_);
    return acknowledged_;
  }
  // Waits (the writers commit hundreds a second) until `n` more are acknowledged.
  bool more(std::size_t n) {
    const auto target = acknowledged().size() + n;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (acknowledged().size() < target && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return acknowledged().size() >= target;
  }
  std::vector<std::string> faults() {
    std::lock_guard lock(mu_);
    return faults_;
  }

 private:
  void write(int port, const std::string& token, std::size_t writer) {
    HttpClient client(port);
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}};
    for (int n = 0; !stop_; ++n) {
      boost::json::object body{
          {"person", {{"given_name", "W" + std::to_string(writer) + "n" + std::to_string(n)},
                      {"estimated_age", 30}, {"sex", "unknown"}, {"nationality", "EC"}}},
          {"territory_id", "t-quito"},
          {"needs", {{{"category", "shelter"}, {"urgency", "high"}}}}};
      auto r = client.send({"POST", "/api/v1/cases", headers, boost::json::serialize(body)});
      std::lock_guard lock(mu_);
      if (r.status == 201) acknowledged_.emplace_back(r.json().at("id").as_string());
      else faults_.push_back(std::to_string(r.status) + ": " + r.body);
    }
  }
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> acknowledged_, faults_;
  std::vector<std::thread> threads_;
};

TEST(PostgresBackup, ABackupTakenWhileWritersCommitHoldsEveryWriteAcknowledgedBeforeIt) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  PgTestDatabase live;
  auto init = run_enlace({"init", "--db", live.uri()});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  ServerOptions options;
  options.existing_db = live.uri();
  options.env = {{"ENLACE_RATE_LIMIT_PER_MINUTE", "1000000"}};
  ServerProcess server(options);
  insert_territory(live.uri(), "t-quito", "Quito");
  insert_organization(live.uri(), "o-desk", "Human Mobility Office", "t-quito");
  std::vector<std::string> tokens;
  for (int i = 0; i < 3; ++i) {
    server.add_user("writer" + std::to_string(i), {"caseworker"}, "o-desk");
    tokens.push_back(server.login("writer" + std::to_string(i)));
  }

  Writers writers(server, tokens);
  ASSERT_TRUE(writers.more(30)) << "the writers commit";
  const auto before = writers.acknowledged();  // acknowledged before the backup began
  const std::string file = dir.path() + "/under-load.pgdump";
  auto backup = run_enlace({"backup", "--db", live.uri(), "--to", file});
  const auto during = writers.acknowledged().size() - before.size();
  ASSERT_TRUE(writers.more(10)) << "the writers still commit after the backup";
  writers.stop();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_GT(during, 0u) << "writers committed while the backup ran";
  std::string faults;
  for (const auto& f : writers.faults()) faults += f + "\n";
  EXPECT_TRUE(faults.empty()) << faults;

  PgTestDatabase restored;
  auto r = run_enlace({"restore", "--from", file, "--db", restored.uri()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto verified = run_enlace({"audit", "verify", "--db", restored.uri()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  // The backup's own report names the chain the restored database verifies with.
  EXPECT_NE(backup.output.find(verified.output.substr(verified.output.find("events"), 40)), std::string::npos)
      << backup.output << "\n" << verified.output;

  std::set<std::string> held;
  {
    auto c = storage::PgConnection::open(restored.uri());
    auto ids = c.query("SELECT id FROM case_file");
    for (int i = 0; i < ids.rows(); ++i) held.insert(ids.text(i, 0));
  }
  int missing = 0;
  for (const auto& id : before) missing += held.contains(id) ? 0 : 1;
  EXPECT_EQ(missing, 0) << "of " << before.size() << " cases acknowledged before the backup began";
  const auto all = writers.acknowledged();
  EXPECT_LT(held.size(), all.size()) << "the writes after the backup are not in it";
  std::printf("backup under load: %zu cases acknowledged before it began, %zu while it ran, %zu in the backup\n",
              before.size(), during, held.size());
}

TEST(PostgresBackup, ARestoreRefusesADumpWhoseChainWasCutAndLeavesTheDatabaseEmpty) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  PgTestDatabase live;
  demo_on_postgres(live.uri(), dir);
  for (int i = 0; i < 3; ++i)  // each report read is an audit event: a chain of a few
    ASSERT_EQ(run_enlace({"stats", "gaps", "--db", live.uri()}).exit_code, 0);
  const std::string good = dir.path() + "/good.pgdump";
  ASSERT_EQ(run_enlace({"backup", "--db", live.uri(), "--to", good}).exit_code, 0);

  // Someone with a copy deletes one event and dumps it with pg_dump (enlace backup refuses).
  PgTestDatabase edited;
  ASSERT_EQ(run_enlace({"restore", "--from", good, "--db", edited.uri()}).exit_code, 0);
  pg_value(edited.uri(), "DELETE FROM audit_event WHERE seq = (SELECT min(seq) + 1 FROM audit_event) RETURNING seq");
  EXPECT_EQ(run_enlace({"backup", "--db", edited.uri(), "--to", dir.path() + "/refused.pgdump"}).exit_code, 1);
  const std::string cut = dir.path() + "/cut.pgdump";
  auto dumped = run_command({"/usr/bin/pg_dump", "--format=custom", "--no-password",
                             "--schema=" + pg_value(edited.uri(), "SELECT current_schema()"), "--file=" + cut,
                             "--dbname=" + edited.uri()});
  ASSERT_EQ(dumped.exit_code, 0) << dumped.output;

  PgTestDatabase target;
  auto r = run_enlace({"restore", "--from", cut, "--db", target.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("audit chain broken at event"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was restored"), std::string::npos) << r.output;
  EXPECT_EQ(pg_value(target.uri(), "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"),
            "0")
      << "no table, index, view or sequence is left behind";
  EXPECT_EQ(pg_value(target.uri(), "SELECT count(*) FROM pg_proc p WHERE pronamespace = current_schema()::regnamespace "
                                   "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"),
            "0")
      << "nor a function";

  // The database is as empty as before: the whole backup restores there.
  auto whole = run_enlace({"restore", "--from", good, "--db", target.uri()});
  EXPECT_EQ(whole.exit_code, 0) << whole.output;
}

TEST(PostgresBackup, ACutDumpWhoseSchemaTheRestoreMadeLeavesNoSchemaBehind) {
  // The role's own schema (as in the least-privilege set-up), which the target does not have:
  // pg_restore creates it, and the refusal drops it again.
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  PgTestDatabase live;
  const std::string role = pg_value(live.uri(), "SELECT current_user");
  pg_value(live.uri(), "CREATE SCHEMA \"" + role + "\" AUTHORIZATION \"" + role + "\"");
  ASSERT_EQ(run_enlace({"init", "--db", live.uri()}).exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run_enlace({"stats", "gaps", "--db", live.uri()}).exit_code, 0);
  ASSERT_EQ(pg_value(live.uri(), "SELECT CAST(CAST(relnamespace AS regnamespace) AS text) FROM pg_class "
                                 "WHERE relname = 'audit_event'"),
            role);
  pg_value(live.uri(), "DELETE FROM audit_event WHERE seq = (SELECT min(seq) + 1 FROM audit_event) RETURNING seq");
  const std::string cut = dir.path() + "/cut.pgdump";
  auto dumped = run_command({"/usr/bin/pg_dump", "--format=custom", "--no-password", "--schema=" + role,
                             "--file=" + cut, "--dbname=" + live.uri()});
  ASSERT_EQ(dumped.exit_code, 0) << dumped.output;

  PgTestDatabase target;
  auto r = run_enlace({"restore", "--from", cut, "--db", target.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("audit chain broken at event"), std::string::npos) << r.output;
  EXPECT_EQ(pg_value(target.uri(), "SELECT to_regnamespace('" + role + "') IS NULL"), "t");
  EXPECT_EQ(pg_value(target.uri(), "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"),
            "0");
}

}  // namespace
}  // namespace enlace::test
