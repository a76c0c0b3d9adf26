// The keyed and anchored audit chain (issue 14, finding 7), over the real executable and HTTP:
// an edit recomputed with plain SHA-256, as by someone who can write the database but has no
// key file, fails verification; heads recorded outside the database (the hourly log line, each
// backup) expose a cut tail; an unkeyed chain says so; a chain that began unkeyed is keyed from
// the first start with a key; a rotation re-anchors the chain.
#include "support/server_process.hpp"

#include "storage/audit_log.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace enlace::test {
namespace {

namespace bj = boost::json;

std::string write_key(const TempDir& dir, const std::string& name, char fill) {
  auto path = dir.path() + "/" + name;
  std::ofstream(path) << std::string(64, fill) << "\n";
  return path;
}

ServerOptions keyed_by(const std::string& key_file) {
  ServerOptions options;
  options.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key_file}, {"ENLACE_LOG_LEVEL", "info"}};
  return options;
}

CommandResult enlace(std::vector<std::string> args, const std::string& key_file = "") {
  args.insert(args.begin(), ServerProcess::binary());
  std::map<std::string, std::string> env;
  if (!key_file.empty()) env["ENLACE_ENCRYPTION_KEY_FILE"] = key_file;
  return run_command(args, "", env);
}

// "head <64 hex>" in a command's output.
std::string printed_head(const std::string& output) {
  auto at = output.find("head ");
  return at == std::string::npos ? "" : output.substr(at + 5, 64);
}

std::string row_hash(storage::Connection& c, std::int64_t seq) {
  auto st = c.prepared("SELECT hash FROM audit_event WHERE seq = ?1");
  st.bind(1, seq);
  return st.step() ? st.text(0) : "";
}

// What someone with write access to the file but without the key does: edit event `seq` and
// recompute every later link with plain SHA-256, so that each row matches its hash and links
// to the one before.
void rewrite_without_the_key(const std::string& db, std::int64_t seq) {
  auto c = storage::Connection::open(db, {.read_only = false});
  c.exec("BEGIN IMMEDIATE");
  std::string prev = seq == 1 ? std::string(storage::kGenesisHash) : row_hash(c, seq - 1);
  auto rows = c.prepared(
      "SELECT seq, at, actor_user, organization, role, action, entity_type, entity_id, outcome, "
      "address, request_id FROM audit_event WHERE seq >= ?1 ORDER BY seq");
  rows.bind(1, seq);
  std::vector<std::pair<std::int64_t, core::AuditEvent>> events;
  while (rows.step())
    events.push_back({rows.int64(0),
                      {core::from_millis(rows.int64(1)), rows.text(2), rows.text(3), rows.text(4),
                       rows.text(5), rows.text(6), rows.text(7), rows.text(8), rows.text(9),
                       rows.text(10)}});
  for (auto& [s, e] : events) {
    if (s == seq) e.outcome = e.outcome == "ok" ? "denied" : "ok";
    std::string hash = storage::audit_hash(prev, s, e);
    auto up = c.prepared("UPDATE audit_event SET outcome = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4");
    up.bind(1, e.outcome);
    up.bind(2, prev);
    up.bind(3, hash);
    up.bind(4, s);
    up.run();
    prev = hash;
  }
  c.exec("COMMIT");
}

void exec_sql(const std::string& db, const char* sql) {
  auto c = storage::Connection::open(db, {.read_only = false});
  c.exec(sql);
}

// The `audit_head` log lines the server printed so far, oldest first.
std::vector<bj::object> head_lines(const ServerProcess& s) {
  std::vector<bj::object> lines;
  std::istringstream in(s.output());
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"audit_head\"") == std::string::npos) continue;
    auto v = bj::parse(line);
    if (v.as_object().at("event") == "audit_head") lines.push_back(v.as_object());
  }
  return lines;
}

// Waits (up to `ms` of real time: the server polls its clock each second) until the server has
// printed `n` audit_head lines.
std::vector<bj::object> wait_for_head_lines(const ServerProcess& s, std::size_t n, int ms = 10000) {
  auto lines = head_lines(s);
  for (int i = 0; i < ms / 25 && lines.size() < n; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    lines = head_lines(s);
  }
  return lines;
}

TEST(KeyedAuditChainTest, AnEditRecomputedWithoutTheKeyFailsVerification) {
  TempDir keys;
  auto key = write_key(keys, "key", 'a');
  ServerProcess s(keyed_by(key));
  s.add_user("auditor", {"auditor"});
  auto auditor = s.login("auditor");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(s.get("/api/v1/audit", auditor).status, 200);
  auto before = enlace({"audit", "verify", "--db", s.db_path()}, key);
  ASSERT_EQ(before.exit_code, 0) << before.output;
  EXPECT_NE(before.output.find("keyed: HMAC-SHA-256"), std::string::npos) << before.output;
  auto http = s.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_TRUE(http.at("ok").as_bool()) << http;
  EXPECT_TRUE(http.contains("keyed") && http.at("keyed").as_bool()) << http;

  rewrite_without_the_key(s.db_path(), 2);
  auto cli = enlace({"audit", "verify", "--db", s.db_path()}, key);
  EXPECT_EQ(cli.exit_code, 1) << cli.output;
  EXPECT_NE(cli.output.find("BROKEN at event 2"), std::string::npos) << cli.output;
  http = s.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_FALSE(http.at("ok").as_bool()) << http;
  EXPECT_EQ(http.at("broken_at").as_int64(), 2) << http;

  // Recomputing the whole chain plain and removing the record of where it became keyed, so
  // that it looks as if it had never been keyed, fails too.
  exec_sql(s.db_path(), "DELETE FROM setting WHERE key = 'audit_chain'");
  rewrite_without_the_key(s.db_path(), 1);
  cli = enlace({"audit", "verify", "--db", s.db_path()}, key);
  EXPECT_EQ(cli.exit_code, 1) << cli.output;
  EXPECT_NE(cli.output.find("no event is keyed"), std::string::npos) << cli.output;
}

TEST(KeyedAuditChainTest, TheHourlyHeadLineExposesACutTail) {
  TempDir keys;
  auto key = write_key(keys, "key", 'a');
  ServerProcess s(keyed_by(key));
  s.add_user("auditor", {"auditor"});
  auto auditor = s.login("auditor");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(s.get("/api/v1/audit", auditor).status, 200);
  ASSERT_EQ(wait_for_head_lines(s, 1).size(), 1u) << "a line at start: " << s.output();
  s.advance_minutes(59);
  ASSERT_EQ(wait_for_head_lines(s, 2, 2500).size(), 1u) << "not before the hour: " << s.output();
  s.advance_minutes(1);
  auto lines = wait_for_head_lines(s, 2);
  ASSERT_EQ(lines.size(), 2u) << "a line an hour later: " << s.output();

  // The line is the chain as it stands: its head and count, nothing personal.
  const auto& line = lines.back();
  auto verified = enlace({"audit", "verify", "--db", s.db_path()}, key);
  ASSERT_EQ(verified.exit_code, 0) << verified.output;
  std::string head(line.at("head").as_string());
  EXPECT_EQ(head, printed_head(verified.output));
  EXPECT_NE(verified.output.find("ok: " + std::to_string(line.at("events").as_int64()) + " events"),
            std::string::npos)
      << verified.output << "\n" << line;
  EXPECT_TRUE(line.at("keyed").as_bool());
  for (const auto& [k, v] : line)
    EXPECT_TRUE(k == "event" || k == "events" || k == "head" || k == "keyed" || k == "level" ||
                k == "time" || k == "ts")
        << "unexpected field " << k;

  // Someone with the database cuts the newest events: the chain alone still verifies, the
  // head from the log does not.
  exec_sql(s.db_path(), "DELETE FROM audit_event WHERE seq > (SELECT MAX(seq) - 3 FROM audit_event)");
  auto plain = enlace({"audit", "verify", "--db", s.db_path()}, key);
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  auto anchored = enlace({"audit", "verify", "--db", s.db_path(), "--expect-head", head}, key);
  EXPECT_EQ(anchored.exit_code, 1) << anchored.output;
  EXPECT_NE(anchored.output.find("truncated"), std::string::npos) << anchored.output;
  auditor = s.login("auditor");  // the earlier session went idle during the hour
  auto http = s.get("/api/v1/audit/verify?expect_head=" + head, auditor).json().as_object();
  EXPECT_FALSE(http.at("ok").as_bool()) << http;
}

TEST(KeyedAuditChainTest, ABackupRecordsHeadAndCountAndACutCopyIsNotRestored) {
  if (enlace::test::testing_postgres())
    GTEST_SKIP() << "reads and cuts the backup as a SQLite file; PostgreSQL's is pg_dump's (PostgresBackup)";
  TempDir keys;
  auto key = write_key(keys, "key", 'a');
  ServerProcess s(keyed_by(key));
  s.add_user("auditor", {"auditor"});
  auto auditor = s.login("auditor");
  ASSERT_EQ(s.get("/api/v1/audit", auditor).status, 200);
  std::string backup = s.dir() + "/backup.db";
  auto made = enlace({"backup", "--db", s.db_path(), "--to", backup}, key);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  std::string head = printed_head(made.output);
  ASSERT_TRUE(storage::is_audit_hash(head)) << made.output;

  std::int64_t events = 0;
  {
    auto c = storage::Connection::open(backup, {.read_only = true});
    auto st = c.prepared(
        "SELECT json_extract(value, '$.audit_events'), json_extract(value, '$.audit_head') "
        "FROM setting WHERE key = 'backup_anchor'");
    ASSERT_TRUE(st.step()) << "the backup file carries its head and count";
    events = st.int64(0);
    EXPECT_EQ(st.text(1), head);
    EXPECT_EQ(row_hash(c, events), head);
  }
  EXPECT_NE(made.output.find("with " + std::to_string(events) + " events, head " + head), std::string::npos)
      << made.output;

  // The copy restores as it is; with its newest events cut, it is refused.
  TempDir elsewhere;
  auto put = enlace({"restore", "--from", backup, "--db", elsewhere.path() + "/whole.db"}, key);
  EXPECT_EQ(put.exit_code, 0) << put.output;
  exec_sql(backup, "DELETE FROM audit_event WHERE seq > (SELECT MAX(seq) - 2 FROM audit_event)");
  auto cut = enlace({"restore", "--from", backup, "--db", elsewhere.path() + "/cut.db"}, key);
  EXPECT_EQ(cut.exit_code, 1) << cut.output;
  EXPECT_NE(cut.output.find("removed"), std::string::npos) << cut.output;
  EXPECT_FALSE(std::filesystem::exists(elsewhere.path() + "/cut.db"));
}

TEST(KeyedAuditChainTest, AnUnkeyedChainSaysSo) {
  ServerOptions options;
  options.env = {{"ENLACE_LOG_LEVEL", "info"}};
  ServerProcess s(options);
  s.add_user("auditor", {"auditor"});
  auto auditor = s.login("auditor");
  auto http = s.get("/api/v1/audit/verify", auditor).json().as_object();
  EXPECT_TRUE(http.at("ok").as_bool()) << http;
  EXPECT_TRUE(http.contains("keyed") && !http.at("keyed").as_bool()) << http;
  auto cli = enlace({"audit", "verify", "--db", s.db_path()});
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("UNKEYED"), std::string::npos) << cli.output;
  EXPECT_NE(s.output().find("audit_chain_unkeyed"), std::string::npos) << s.output();
  auto lines = wait_for_head_lines(s, 1);
  ASSERT_FALSE(lines.empty());
  EXPECT_FALSE(lines.back().at("keyed").as_bool());
}

TEST(KeyedAuditChainTest, AChainThatBeganUnkeyedIsKeyedFromTheFirstStartWithAKey) {
  TempDir keys;
  auto key = write_key(keys, "key", 'a');
  ServerProcess s;
  s.add_user("auditor", {"auditor"});
  s.login("auditor");
  s.restart(keyed_by(key));
  auto cli = enlace({"audit", "verify", "--db", s.db_path()}, key);
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("from event 3 (the events before it are plain SHA-256"), std::string::npos)
      << cli.output;
  EXPECT_NE(s.output().find("audit_chain_keyed"), std::string::npos) << s.output();

  // Nothing may append a plain link after the switch-over: a command without the key refuses
  // and changes nothing.
  auto added = run_command({ServerProcess::binary(), "user", "add", "--db", s.db_path(), "--username",
                            "late", "--role", "auditor", "--password-stdin"},
                           std::string(ServerProcess::kPassword) + "\n");
  EXPECT_EQ(added.exit_code, 1) << added.output;
  EXPECT_NE(added.output.find("keyed"), std::string::npos) << added.output;
  auto keyless = enlace({"audit", "verify", "--db", s.db_path()});
  EXPECT_EQ(keyless.exit_code, 1) << keyless.output;
  EXPECT_NE(keyless.output.find("needs the key"), std::string::npos) << keyless.output;
  EXPECT_EQ(enlace({"audit", "verify", "--db", s.db_path()}, key).exit_code, 0);
}

TEST(KeyedAuditChainTest, RekeyReanchorsTheChainUnderTheNewKey) {
  TempDir keys;
  auto key_a = write_key(keys, "key-a", 'a');
  auto key_b = write_key(keys, "key-b", 'b');
  ServerProcess s(keyed_by(key_a));
  s.add_user("auditor", {"auditor"});
  s.login("auditor");
  auto before = enlace({"audit", "verify", "--db", s.db_path()}, key_a);
  ASSERT_EQ(before.exit_code, 0) << before.output;
  s.stop();
  auto rekeyed = enlace({"rekey", "--db", s.db_path(), "--old-key-file", key_a, "--new-key-file", key_b});
  ASSERT_EQ(rekeyed.exit_code, 0) << rekeyed.output;
  auto at = rekeyed.output.find("audit chain re-keyed");
  ASSERT_NE(at, std::string::npos) << rekeyed.output;
  std::string new_head = printed_head(rekeyed.output.substr(at));
  EXPECT_NE(rekeyed.output.find("(was " + printed_head(before.output) + ")"), std::string::npos)
      << rekeyed.output;

  auto under_b = enlace({"audit", "verify", "--db", s.db_path()}, key_b);
  EXPECT_EQ(under_b.exit_code, 0) << under_b.output;
  EXPECT_EQ(printed_head(under_b.output), new_head);
  EXPECT_EQ(enlace({"audit", "verify", "--db", s.db_path()}, key_a).exit_code, 1);
  s.restart(keyed_by(key_b));
  auto auditor = s.login("auditor");
  auto http = s.get("/api/v1/audit/verify?expect_head=" + new_head, auditor).json().as_object();
  EXPECT_TRUE(http.at("ok").as_bool()) << http;
}

}  // namespace
}  // namespace enlace::test
