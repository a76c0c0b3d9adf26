// `enlace migrate --from SQLITE --to postgresql://...` on the real command line: a demo
// deployment with sealed fields, sessions, webhooks and a keyed audit chain arrives whole (every
// table's count, the bytes of sealed values and token hashes, identity sequences past the
// largest id) and `enlace audit verify` passes there with the same head; the source is never
// changed; a target that holds a deployment, a source at another schema version, a source a
// server is using, an unreachable server and a failure halfway are refused with one line and
// leave the target as it was.
#include "support/pg_test_database.hpp"
#include "support/server_process.hpp"
#include "support/sockets.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace enlace::test {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

constexpr const char* kDemoPassword = "demo-password-2026";

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string pg_value(const std::string& uri, const std::string& sql) {
  auto c = storage::PgConnection::open(uri);
  auto r = c.query(sql);
  return r.rows() > 0 ? r.text(0, 0) : "";
}

std::string sqlite_value(const std::string& db, const std::string& sql) {
  auto c = storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared(sql);
  return st.step() ? st.text(0) : "";
}

// Every table of the SQLite database that migrate copies (not FTS5's), with its row count.
std::map<std::string, std::int64_t> sqlite_counts(const std::string& db) {
  auto c = storage::Connection::open(db, {.read_only = true});
  std::vector<std::string> tables;
  {
    auto st = c.prepared(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (st.step()) tables.push_back(st.text(0));
  }
  std::map<std::string, std::int64_t> counts;
  for (const auto& t : tables) {
    auto st = c.prepared("SELECT count(*) FROM \"" + t + "\"");
    st.step();
    counts[t] = st.int64(0);
  }
  // The records listing pages showed: on PostgreSQL audit_record rows, on SQLite postings of
  // the full-text audit_listing (migration 24).
  c.exec("CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, audit_listing, 'instance')");
  auto st = c.prepared("SELECT count(*) FROM temp.postings");
  st.step();
  counts["audit_record"] = st.int64(0);
  return counts;
}

// Each record a listing page showed, as "hex(entity_type:entity_id)@seq", sorted.
std::string sqlite_listing_records(const std::string& db) {
  auto c = storage::Connection::open(db, {.read_only = true});
  c.exec("CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, audit_listing, 'instance')");
  auto st = c.prepared("SELECT group_concat(r, ',') FROM"
                       " (SELECT lower(term) || '@' || doc AS r FROM temp.postings ORDER BY 1)");
  st.step();
  return st.text(0);
}

std::map<std::string, std::int64_t> pg_counts(const std::string& uri) {
  auto c = storage::PgConnection::open(uri);
  auto tables = c.query(
      "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
      "AND relkind = 'r' AND relname <> 'enlace_schema'");
  std::map<std::string, std::int64_t> counts;
  for (int i = 0; i < tables.rows(); ++i)
    counts[tables.text(i, 0)] = c.query("SELECT count(*) FROM \"" + tables.text(i, 0) + "\"").int64(0, 0);
  return counts;
}

// The demo network, sealed under a field key, after a working session: sign-ins (sessions), a
// webhook and a mail address set through the API. Made once for the suite; each test copies the
// file it changes.
class MigrateCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    key_env_ = new std::map<std::string, std::string>{{"ENLACE_ENCRYPTION_KEY_FILE", dir_->path() + "/field.key"}};
    std::ofstream(dir_->path() + "/field.key") << std::string(64, 'b') << "\n";
    source_ = new std::string(dir_->path() + "/enlace.db");
    auto init = run_enlace({"init", "--db", *source_, "--demo"}, *key_env_);
    ASSERT_EQ(init.exit_code, 0) << init.output;
    // The demo is written in plaintext; sealed as an operator would before the first keyed start.
    const auto key = dir_->path() + "/field.key";
    auto rekey = run_enlace({"rekey", "--db", *source_, "--old-key-file", key, "--new-key-file", key}, *key_env_);
    ASSERT_EQ(rekey.exit_code, 0) << rekey.output;
    ServerOptions o;
    o.existing_db = *source_;
    o.env = *key_env_;
    o.env["ENLACE_WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = "true";
    o.env["ENLACE_SMTP_URL"] = "smtp://127.0.0.1:" + std::to_string(free_port());  // nobody there: mails stay queued
    o.env["ENLACE_MAIL_FROM"] = "enlace@example.org";
    o.env["ENLACE_PUBLIC_URL"] = "https://enlace.example.org";
    ServerProcess server(o);
    auto admin = server.login("shelter.admin", kDemoPassword);
    auto orgs = server.get("/api/v1/me", admin).json();
    const std::string org(orgs.at("organization_id").as_string());
    auto hook = server.post("/api/v1/organizations/" + org + "/webhooks",
                            bj::object{{"url", "http://127.0.0.1:" + std::to_string(free_port()) + "/hook"},
                                       {"events", bj::array{"referral.created", "referral.updated",
                                                            "referral.message"}}},
                            admin);
    ASSERT_EQ(hook.status, 201) << hook.body;
    // A message on a referral: a live event and a mail to its sender.
    auto sender = server.login("pichincha.caseworker", kDemoPassword);
    ASSERT_EQ(server.patch("/api/v1/me", bj::object{{"email", "sender@example.org"}}, sender).status, 200);
    auto partner = server.login("shelter.partner", kDemoPassword);
    auto inbox = server.get("/api/v1/referrals?box=inbox&status=on-hold", partner);
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    auto items = inbox.json().at("items").as_array();
    ASSERT_FALSE(items.empty()) << inbox.body;
    const std::string referral(items.at(0).at("id").as_string());
    auto message = server.post("/api/v1/referrals/" + referral + "/messages",
                               bj::object{{"body", "Space frees up on Monday."}}, partner);
    ASSERT_EQ(message.status, 201) << message.body;
  }
  static void TearDownTestSuite() {
    delete source_;
    delete key_env_;
    delete dir_;
  }
  // A copy of the source that a test may change.
  static std::string copy_of_source(const TempDir& dir) {
    auto path = dir.path() + "/copy.db";
    fs::copy_file(*source_, path);
    return path;
  }

  static TempDir* dir_;
  static std::map<std::string, std::string>* key_env_;
  static std::string* source_;
};
TempDir* MigrateCommand::dir_ = nullptr;
std::map<std::string, std::string>* MigrateCommand::key_env_ = nullptr;
std::string* MigrateCommand::source_ = nullptr;

TEST_F(MigrateCommand, CopiesEveryTableAndTheChainVerifiesOnPostgres) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  const auto before = contents(*source_);
  const auto source = sqlite_counts(*source_);
  for (const char* table : {"case_file", "referral", "referral_message", "consent", "session", "app_user",
                            "audit_event", "live_event", "webhook", "mail_outbox", "organization",
                            "service", "audit_record"})
    ASSERT_GT(source.at(table), 0) << table << " is empty in the source: the test would prove little";
  ASSERT_EQ(source.count("case_name_search"), 0U);

  auto r = run_enlace({"migrate", "--from", *source_, "--to", db.uri()}, *key_env_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("audit chain ok on PostgreSQL: " + std::to_string(source.at("audit_event")) + " events"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("row counts equal in all " + std::to_string(source.size()) + " tables"),
            std::string::npos)
      << r.output;

  // Counted here, independently of what migrate printed.
  auto target = pg_counts(db.uri());
  for (const auto& [table, rows] : source) {
    ASSERT_TRUE(target.count(table)) << table;
    EXPECT_EQ(target.at(table), rows) << table;
  }
  EXPECT_EQ(target.size(), source.size());
  // The records listing pages showed, each on its page (the person's access report reads them).
  EXPECT_EQ(pg_value(db.uri(), "SELECT string_agg(r, ',' ORDER BY r COLLATE \"C\") FROM (SELECT encode(convert_to("
                               "entity_type || ':' || entity_id, 'UTF8'), 'hex') || '@' || seq AS r"
                               " FROM audit_record) x"),
            sqlite_listing_records(*source_));
  // Planned with statistics and read index-only from the first request (no -1: never
  // analysed; a visibility map set by the VACUUM).
  EXPECT_EQ(pg_value(db.uri(), "SELECT reltuples > 0 AND relallvisible > 0 FROM pg_class WHERE relname = 'referral'"),
            "t");
  EXPECT_EQ(pg_value(db.uri(), "SELECT count(DISTINCT status) FROM referral"),
            sqlite_value(*source_, "SELECT count(DISTINCT status) FROM referral"));

  // Sealed values and hashes arrive byte for byte (the copy needs no key and changes none).
  EXPECT_EQ(pg_value(db.uri(), "SELECT string_agg(given_name, ',' ORDER BY id) FROM case_file"),
            sqlite_value(*source_, "SELECT group_concat(given_name, ',') FROM (SELECT given_name FROM case_file ORDER BY id)"));
  EXPECT_EQ(pg_value(db.uri(), "SELECT string_agg(encode(token_hash, 'hex'), ',' ORDER BY id) FROM session"),
            sqlite_value(*source_, "SELECT group_concat(lower(hex(token_hash)), ',') FROM (SELECT token_hash FROM session ORDER BY id)"));
  EXPECT_EQ(pg_value(db.uri(), "SELECT given_name LIKE 'Ana%' FROM case_file LIMIT 1"), "f")
      << "names are sealed in the source and stay so";

  // Identity columns continue after the copied ids.
  EXPECT_EQ(pg_value(db.uri(), "SELECT nextval(pg_get_serial_sequence('live_event', 'id')) > max(id) FROM live_event"),
            "t");

  // `enlace audit verify` on both backends: the same chain, the same head, keyed links checked.
  auto on_sqlite = run_enlace({"audit", "verify", "--db", *source_}, *key_env_);
  auto on_pg = run_enlace({"audit", "verify", "--db", db.uri()}, *key_env_);
  ASSERT_EQ(on_sqlite.exit_code, 0) << on_sqlite.output;
  ASSERT_EQ(on_pg.exit_code, 0) << on_pg.output;
  EXPECT_EQ(on_pg.output, on_sqlite.output);
  EXPECT_NE(on_pg.output.find("keyed: HMAC-SHA-256"), std::string::npos) << on_pg.output;

  EXPECT_EQ(contents(*source_), before) << "the source must not change";
}

TEST_F(MigrateCommand, WithoutTheKeyTheCopySucceedsAndSaysKeyedLinksNeedIt) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  auto r = run_enlace({"migrate", "--from", *source_, "--to", db.uri()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("checked for their links to each other only"), std::string::npos) << r.output;
  EXPECT_EQ(run_enlace({"audit", "verify", "--db", db.uri()}, *key_env_).exit_code, 0);
}

TEST_F(MigrateCommand, IntoAnInitialisedDatabaseButNeverIntoADeployment) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  // `enlace init` first (its seeded categories give way to the deployment's own).
  ASSERT_EQ(run_enlace({"init", "--db", db.uri()}).exit_code, 0);
  auto first = run_enlace({"migrate", "--from", *source_, "--to", db.uri()}, *key_env_);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto after_first = pg_counts(db.uri());
  EXPECT_EQ(after_first, sqlite_counts(*source_));

  auto second = run_enlace({"migrate", "--from", *source_, "--to", db.uri()}, *key_env_);
  EXPECT_EQ(second.exit_code, 1) << second.output;
  EXPECT_EQ(line_count(second.output), 1) << second.output;
  EXPECT_NE(second.output.find("already holds an Enlace deployment"), std::string::npos) << second.output;
  EXPECT_EQ(pg_counts(db.uri()), after_first);
}

TEST_F(MigrateCommand, RefusesASourceAtAnotherSchemaVersionOrNotEnlaces) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  TempDir dir;
  auto old = copy_of_source(dir);
  {
    auto c = storage::Connection::open(old, {.read_only = false});
    c.exec(("PRAGMA user_version = " + std::to_string(storage::latest_schema_version() - 1)).c_str());
  }
  const auto before = contents(old);
  auto r = run_enlace({"migrate", "--from", old, "--to", db.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("has schema version " + std::to_string(storage::latest_schema_version() - 1) +
                          " but this enlace migrates version " + std::to_string(storage::latest_schema_version())),
            std::string::npos)
      << r.output;
  EXPECT_EQ(contents(old), before);

  auto other = dir.path() + "/other.db";
  {
    auto c = storage::Connection::open(other, {.read_only = false, .create = true});
    c.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  }
  auto not_enlace = run_enlace({"migrate", "--from", other, "--to", db.uri()});
  EXPECT_EQ(not_enlace.exit_code, 1) << not_enlace.output;
  EXPECT_NE(not_enlace.output.find("is not an Enlace database"), std::string::npos) << not_enlace.output;

  auto missing = run_enlace({"migrate", "--from", dir.path() + "/nothing.db", "--to", db.uri()});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_EQ(line_count(missing.output), 1) << missing.output;
  EXPECT_FALSE(fs::exists(dir.path() + "/nothing.db"));

  EXPECT_EQ(pg_value(db.uri(), "SELECT to_regclass('enlace_schema') IS NULL"), "t");
}

TEST_F(MigrateCommand, AFailureHalfwayLeavesTheTargetWithoutRows) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  TempDir dir;
  auto planted = copy_of_source(dir);
  {
    // A message whose referral does not exist: SQLite without foreign_keys takes it, PostgreSQL
    // refuses it after the cases and referrals are copied.
    auto c = storage::Connection::open(planted, {.read_only = false});
    c.exec("PRAGMA foreign_keys = OFF");
    c.exec("UPDATE referral_message SET referral_id = 'no-such-referral' "
           "WHERE rowid = (SELECT max(rowid) FROM referral_message)");
  }
  {
    PgTestDatabase db;  // empty: the schema is created in the same transaction, and goes with it
    auto r = run_enlace({"migrate", "--from", planted, "--to", db.uri()});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_EQ(line_count(r.output), 1) << r.output;
    EXPECT_NE(r.output.find("Copying table referral_message failed"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("nothing was committed"), std::string::npos) << r.output;
    EXPECT_EQ(pg_value(db.uri(), "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"),
              "0");
  }
  {
    PgTestDatabase db;  // initialised: it keeps exactly what init put there
    ASSERT_EQ(run_enlace({"init", "--db", db.uri()}).exit_code, 0);
    const auto initialised = pg_counts(db.uri());
    auto r = run_enlace({"migrate", "--from", planted, "--to", db.uri()});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_EQ(pg_counts(db.uri()), initialised);
    for (const auto& [table, rows] : initialised)
      if (table != "category" && table != "setting" && table != "webhook_cursor") {
        EXPECT_EQ(rows, 0) << table;
      }
  }
}

TEST_F(MigrateCommand, RowsLostOnTheWayAreCaughtBeforeCommit) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  ASSERT_EQ(run_enlace({"init", "--db", db.uri()}).exit_code, 0);
  {
    // A trigger that silently drops sessions: the copy "succeeds", the count does not.
    auto c = storage::PgConnection::open(db.uri());
    c.exec_script(
        "CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
        "CREATE TRIGGER drop_sessions BEFORE INSERT ON session FOR EACH ROW EXECUTE FUNCTION drop_row()");
  }
  const auto initialised = pg_counts(db.uri());
  auto r = run_enlace({"migrate", "--from", *source_, "--to", db.uri()}, *key_env_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("session: " + std::to_string(sqlite_counts(*source_).at("session")) +
                          " rows on SQLite, 0 on PostgreSQL"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("nothing was committed"), std::string::npos) << r.output;
  EXPECT_EQ(pg_counts(db.uri()), initialised);
}

TEST_F(MigrateCommand, RefusesASourceAServerIsUsing) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  TempDir dir;
  ServerOptions o;
  o.existing_db = copy_of_source(dir);
  o.env = *key_env_;
  ServerProcess server(o);
  auto r = run_enlace({"migrate", "--from", o.existing_db, "--to", db.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("is in use by a running enlace server"), std::string::npos) << r.output;
  EXPECT_EQ(pg_value(db.uri(), "SELECT to_regclass('enlace_schema') IS NULL"), "t");
}

TEST_F(MigrateCommand, UnreachableServerOrPasswordInTheUriIsOneLine) {
  const std::string port = std::to_string(free_port());
  auto r = run_enlace({"migrate", "--from", *source_, "--to", "postgresql://enlace@127.0.0.1:" + port + "/enlace"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("cannot connect to PostgreSQL at 127.0.0.1:" + port), std::string::npos) << r.output;

  auto secret = run_enlace({"migrate", "--from", *source_, "--to", "postgresql://enlace:Sup3rSecretPw@127.0.0.1:" + port + "/enlace"});
  EXPECT_EQ(secret.exit_code, 2) << secret.output;
  EXPECT_NE(secret.output.find("carries a password"), std::string::npos) << secret.output;
  EXPECT_EQ(secret.output.find("Sup3rSecretPw"), std::string::npos) << secret.output;

  auto backwards = run_enlace({"migrate", "--from", "postgresql://enlace@127.0.0.1:" + port + "/enlace", "--to", *source_});
  EXPECT_EQ(backwards.exit_code, 2) << backwards.output;
}

}  // namespace
}  // namespace enlace::test
