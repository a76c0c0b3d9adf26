// Upgrades from every earlier schema with data in it (issue 9). Each fixture in
// tests/integration/storage/fixtures is a database as an older release left it; the real
// `enlace init` migrates it to whatever version this build knows, every row must keep its
// values, the audit chain must still verify and `enlace serve` must serve the records. A newer
// database is refused, and a migration that fails midway leaves the database as it was.
#include "storage/field_cipher.hpp"
#include "storage/migrations.hpp"
#include "storage/sql.hpp"
#include "support/schema_dump.hpp"
#include "support/server_process.hpp"
#include "support/totp_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace enlace::test {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using storage::Connection;

fs::path fixtures_dir() { return fs::path(ENLACE_SOURCE_DIR) / "tests/integration/storage/fixtures"; }
std::string key_file() { return (fixtures_dir() / "field.key").string(); }

// The versions with a schema_vN.sql, found on disk: a new fixture needs no edit here.
std::vector<int> fixture_versions() {
  std::vector<int> versions;
  for (const auto& entry : fs::directory_iterator(fixtures_dir())) {
    auto name = entry.path().filename().string();
    if (name.starts_with("schema_v") && name.ends_with(".sql"))
      versions.push_back(std::stoi(name.substr(8)));
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

void load_fixture(int version, const std::string& path) {
  std::ifstream in(fixtures_dir() / ("schema_v" + std::to_string(version) + ".sql"));
  std::stringstream sql;
  sql << in.rdbuf();
  auto c = Connection::open(path, {.read_only = false, .create = true});
  c.exec(sql.str().c_str());
}

// Every table's rows (sorted), restricted to the columns the tables had in `shape_db`.
// Tables a migration drops with their rows on purpose, and why: migration 23's
// sign_in_failure (minutes-long throttling rows under an unkeyed digest, replaced by
// limiter_failure). Every other table keeps every row.
bool dropped_on_purpose(const std::string& table) { return table == "sign_in_failure"; }

// Tables a migration moves into another shape, checked where they went
// (listing_records_moved): migration 24's audit_record, into the full-text audit_listing.
bool moved_on_purpose(const std::string& table) { return table == "audit_record"; }

// Each posting of audit_listing, as "term@seq", sorted (the index cannot give its documents).
std::vector<std::string> listing_postings(const std::string& path) {
  auto c = Connection::open(path, {.read_only = true});
  c.exec("CREATE VIRTUAL TABLE temp.postings USING fts5vocab(main, audit_listing, 'instance')");
  auto st = c.prepared("SELECT lower(term) || '@' || doc FROM temp.postings ORDER BY 1");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

// Every audit_record row of `reference` is a posting of audit_listing in `db`, and there are no
// others: the person's access report finds the same pages after the upgrade.
void expect_listing_records_moved(const std::string& db, const std::string& reference) {
  auto ref = Connection::open(reference, {.read_only = true});
  if (ref.prepared("SELECT 1 FROM sqlite_schema WHERE name = 'audit_listing'").step()) {
    // A fixture from migration 24 on: its index is kept as it was.
    auto before = listing_postings(reference);
    EXPECT_FALSE(before.empty()) << "the fixture should hold listing records";
    EXPECT_EQ(listing_postings(db), before);
    return;
  }
  if (!ref.prepared("SELECT 1 FROM sqlite_schema WHERE name = 'audit_record'").step()) return;
  auto c = Connection::open(db, {.read_only = true});
  auto rows = ref.prepared("SELECT entity_type, entity_id, seq FROM audit_record");
  long long moved = 0;
  while (rows.step()) {
    ++moved;
    auto found = c.prepared(
        "SELECT 1 FROM audit_listing WHERE audit_listing MATCH '\"' || hex(?1 || ':' || ?2) || '\"'"
        " AND rowid = ?3");
    found.bind(1, rows.text(0));
    found.bind(2, rows.text(1));
    found.bind(3, rows.int64(2));
    EXPECT_TRUE(found.step()) << rows.text(0) << " " << rows.text(1) << " on page "
                              << rows.int64(2);
  }
  EXPECT_GT(moved, 0) << "the fixture should hold audit_record rows";
  EXPECT_EQ(static_cast<long long>(listing_postings(db).size()), moved);
}

std::map<std::string, std::vector<std::string>> contents(const std::string& db, const std::string& shape_db) {
  auto shapes = Connection::open(shape_db, {.read_only = true});
  auto c = Connection::open(db, {.read_only = true});
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& t : application_tables(shapes)) {
    if (dropped_on_purpose(t.name) || moved_on_purpose(t.name)) continue;
    auto rows = table_rows(c, t);
    std::sort(rows.begin(), rows.end());
    out[t.name] = std::move(rows);
  }
  return out;
}

std::string schema_of(const std::string& db) {
  auto c = Connection::open(db, {.read_only = true});
  auto st = c.prepared("SELECT group_concat(type || ' ' || name || ': ' || COALESCE(sql, ''), '\n')"
                       " FROM (SELECT * FROM sqlite_master ORDER BY type, name)");
  st.step();
  return st.text(0) + "\nuser_version " + std::to_string(*storage::schema_version(db));
}

long long count(Connection& c, const std::string& sql) {
  auto st = c.prepared(sql);
  st.step();
  return st.int64(0);
}

std::string problem_type(const HttpResponse& r) {
  auto t = std::string(r.json().at("type").as_string());
  return t.substr(t.rfind('/') + 1);
}

// What the upgraded server answers, checked against the fixture as it was loaded (`reference`,
// never migrated). Values of encrypted columns are opened with the fixture key, whether they
// were sealed or written as plaintext before the key existed.
class ServedRecords {
 public:
  ServedRecords(ServerProcess& server, const std::string& reference)
      : server_(server), ref_(Connection::open(reference, {.read_only = true})),
        cipher_(*storage::read_field_key(key_file()), {}, storage::Plaintext::accepted) {}

  // Signs in every user the fixture has; remembers a token per organisation and role.
  void sign_in_everyone() {
    auto st = ref_.prepared("SELECT id, username, COALESCE(organization_id, ''), roles, active,"
                            " must_change_password, totp_enabled, totp_secret FROM app_user");
    while (st.step()) {
      bj::object body{{"username", st.text(1)}, {"password", ServerProcess::kPassword}};
      if (st.int64(6)) {
        auto secret = cipher_.open("app_user.totp_secret", st.text(7));
        body["totp"] = totp_code(secret, unix_seconds(server_.now()));
      }
      auto r = server_.post("/api/v1/auth/login", body);
      if (!st.int64(4)) {
        EXPECT_EQ(r.status, 401) << st.text(1) << " is inactive";
        continue;
      }
      ASSERT_EQ(r.status, 200) << st.text(1) << ": " << r.body;
      std::string token(r.json().at("token").as_string());
      if (st.int64(5)) {
        auto gated = server_.get("/api/v1/me/sessions", token);
        EXPECT_EQ(problem_type(gated), "password-change-required") << st.text(1);
        continue;
      }
      std::string roles = " " + st.text(3) + " ";
      for (const char* role : {"caseworker", "partner", "auditor", "system_admin"})
        if (roles.find(std::string(" ") + role + " ") != std::string::npos)
          tokens_.emplace(st.text(2) + "/" + role, token);
    }
  }

  std::string token(const std::string& org, const char* role) {
    auto it = tokens_.find(org + "/" + role);
    if (it == tokens_.end()) throw std::runtime_error("the fixture has no " + std::string(role) + " in " + org);
    return it->second;
  }

  void check_directory() {
    auto any = token("", "system_admin");
    auto st = ref_.prepared("SELECT id, name FROM territory");
    auto listed = server_.get("/api/v1/territories?limit=500", any);
    ASSERT_EQ(listed.status, 200) << listed.body;
    while (st.step()) EXPECT_NE(listed.body.find("\"name\":\"" + st.text(1) + "\""), std::string::npos);
    auto orgs = ref_.prepared("SELECT id, name FROM organization");
    while (orgs.step()) {
      auto r = server_.get("/api/v1/organizations/" + orgs.text(0), any);
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.json().at("name").as_string(), orgs.text(1));
    }
    auto services = ref_.prepared("SELECT id, name, status, accepting FROM service");
    while (services.step()) {
      auto r = server_.get("/api/v1/services/" + services.text(0), any);
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.json().at("name").as_string(), services.text(1));
      EXPECT_EQ(r.json().at("status").as_string(), services.text(2));
      EXPECT_EQ(r.json().at("accepting").as_bool(), services.int64(3) != 0);
    }
    auto standards = ref_.prepared("SELECT value FROM setting WHERE key = 'response_standards'");
    if (standards.step()) {
      auto r = server_.get("/api/v1/settings/response-standards", any);
      ASSERT_EQ(r.status, 200) << r.body;
      auto stored = bj::parse(standards.text(0));
      EXPECT_EQ(r.json().at("hours"), stored.at("hours")) << "an administrator's standards survive";
    }
  }

  // Cases and referrals arrived with schema version 2.
  bool has_cases() {
    return ref_.prepared("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_file'").step();
  }

  void check_cases() {
    if (!has_cases()) return;
    auto st = ref_.prepared("SELECT id, organization_id, status, given_name, family_name, notes,"
                            " specific_needs FROM case_file");
    while (st.step()) {
      auto r = server_.get("/api/v1/cases/" + st.text(0), token(st.text(1), "caseworker"));
      ASSERT_EQ(r.status, 200) << r.body;
      auto c = r.json().as_object();
      EXPECT_EQ(c.at("status").as_string(), st.text(2));
      // Names are sealed from schema 9 on, plaintext before it.
      EXPECT_EQ(c.at("person").at("given_name").as_string(), cipher_.open("case_file.given_name", st.text(3)));
      EXPECT_EQ(c.at("person").at("family_name").as_string(), cipher_.open("case_file.family_name", st.text(4)));
      EXPECT_EQ(c.at("notes").as_string(), cipher_.open("case_file.notes", st.text(5)));
      EXPECT_EQ(c.at("specific_needs"), bj::parse(cipher_.open("case_file.specific_needs", st.text(6))));
      auto needs = ref_.prepared("SELECT category, note FROM case_need WHERE case_id = ?1 ORDER BY category");
      needs.bind(1, st.text(0));
      std::map<std::string, std::string> expected, served;
      while (needs.step()) expected[needs.text(0)] = cipher_.open("case_need.note", needs.text(1));
      for (const auto& n : c.at("needs").as_array())
        served[std::string(n.at("category").as_string())] = std::string(n.at("note").as_string());
      EXPECT_EQ(served, expected);
      ++cases_seen;
    }
  }

  void check_referrals() {
    if (!has_cases()) return;
    auto st = ref_.prepared("SELECT id, from_org, to_org, status, reason, snapshot FROM referral");
    while (st.step()) {
      std::string path = "/api/v1/referrals/" + st.text(0);
      auto sender = token(st.text(1), "caseworker");
      auto r = server_.get(path, sender);
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.json().at("status").as_string(), st.text(3));
      EXPECT_EQ(r.json().at("reason").as_string(), cipher_.open("referral.reason", st.text(4)));
      auto history = ref_.prepared("SELECT count(*) FROM referral_history WHERE referral_id = ?1");
      history.bind(1, st.text(0));
      history.step();
      EXPECT_EQ(r.json().at("history").as_array().size(), static_cast<std::size_t>(history.int64(0)));
      if (st.text(3) != "draft") {
        auto received = server_.get(path, token(st.text(2), "partner"));
        ASSERT_EQ(received.status, 200) << received.body;
        EXPECT_EQ(received.json().at("shared"), bj::parse(cipher_.open("referral.snapshot", st.text(5))));
      }
      auto messages = ref_.prepared("SELECT body FROM referral_message WHERE referral_id = ?1");
      messages.bind(1, st.text(0));
      std::multiset<std::string> expected, served;
      while (messages.step()) expected.insert(cipher_.open("referral_message.body", messages.text(0)));
      auto thread = server_.get(path + "/messages", sender).json();
      for (const auto& m : thread.at("items").as_array()) served.insert(std::string(m.at("body").as_string()));
      EXPECT_EQ(served, expected);
      if (st.text(3) != "draft" && !first_sent_) first_sent_ = {st.text(0), st.text(1)};
      ++referrals_seen;
    }
  }

  // The chain verifies over HTTP too, and keeps growing: a write lands on the upgraded file.
  void audit_and_a_new_write() {
    auto auditor = token("", "auditor");
    auto before = server_.get("/api/v1/audit/verify", auditor).json();
    EXPECT_TRUE(before.at("ok").as_bool()) << before;
    EXPECT_GT(before.at("events").as_int64(), count(ref_, "SELECT count(*) FROM audit_event"));
    if (!first_sent_) return;
    auto posted = server_.post("/api/v1/referrals/" + first_sent_->first + "/messages",
                               {{"body", "Written after the upgrade"}},
                               token(first_sent_->second, "caseworker"));
    EXPECT_EQ(posted.status, 201) << posted.body;
    auto after = server_.get("/api/v1/audit/verify", auditor).json();
    EXPECT_TRUE(after.at("ok").as_bool()) << after;
  }

  int cases_seen = 0, referrals_seen = 0;

 private:
  ServerProcess& server_;
  Connection ref_;
  storage::FieldCipher cipher_;
  std::map<std::string, std::string> tokens_;
  std::optional<std::pair<std::string, std::string>> first_sent_;  // referral, sending organisation
};

class SchemaUpgradeTest : public ::testing::TestWithParam<int> {};

TEST_P(SchemaUpgradeTest, InitMigratesEveryRowAndTheServerServesThem) {
  const int from = GetParam();
  const int latest = storage::latest_schema_version();
  TempDir dir;
  std::string db = dir.path() + "/enlace.db", reference = dir.path() + "/reference.db";
  load_fixture(from, db);
  load_fixture(from, reference);
  ASSERT_EQ(*storage::schema_version(db), from);

  auto init = run_command({ServerProcess::binary(), "init", "--db", db});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  if (from < latest) {
    EXPECT_NE(init.output.find("migrated from schema version " + std::to_string(from) + " to " +
                               std::to_string(latest)),
              std::string::npos)
        << init.output;
  }
  EXPECT_EQ(*storage::schema_version(db), latest);

  // Every row of every table the old version had, with every value it had.
  auto before = contents(reference, reference);
  auto after = contents(db, reference);
  for (const auto& [table, rows] : before) {
    EXPECT_EQ(after[table], rows) << "table " << table;
    if (table == "app_user" || table == "audit_event" || (from >= 2 && table == "referral")) {
      EXPECT_FALSE(rows.empty()) << "the fixture should hold " << table << " rows";
    }
  }
  expect_listing_records_moved(db, reference);
  {
    auto c = Connection::open(db, {.read_only = true});
    auto integrity = c.prepared("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.text(0), "ok");
    EXPECT_FALSE(c.prepared("PRAGMA foreign_key_check").step());
  }
  auto verified = run_command({ServerProcess::binary(), "audit", "verify", "--db", db});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find(std::to_string(before["audit_event"].size()) + " events"), std::string::npos)
      << verified.output;

  // With a key, a server reads no plaintext where a sealed value belongs, and names are sealed
  // since schema 9: a deployment upgrading with its key runs `enlace rekey` once with it
  // (docs/OPERATIONS.md), which seals the rest and builds the blind name index.
  auto rekeyed = run_command({ServerProcess::binary(), "rekey", "--db", db, "--old-key-file",
                              key_file(), "--new-key-file", key_file()});
  ASSERT_EQ(rekeyed.exit_code, 0) << rekeyed.output;

  ServerOptions options;
  options.existing_db = db;
  options.env = {{"ENLACE_ENCRYPTION_KEY_FILE", key_file()}};
  ServerProcess server(options);
  ServedRecords served(server, reference);
  ASSERT_NO_FATAL_FAILURE(served.sign_in_everyone());
  ASSERT_NO_FATAL_FAILURE(served.check_directory());
  ASSERT_NO_FATAL_FAILURE(served.check_cases());
  ASSERT_NO_FATAL_FAILURE(served.check_referrals());
  served.audit_and_a_new_write();
  if (from >= 2) {
    EXPECT_GE(served.cases_seen, 3);
    EXPECT_GE(served.referrals_seen, 5);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SchemaUpgradeTest, ::testing::ValuesIn(fixture_versions()),
                         [](const auto& info) { return "schema_v" + std::to_string(info.param); });

TEST(SchemaFixtures, EveryEarlierVersionHasOne) {
  // When a migration is added, the version before it becomes an "earlier schema" with
  // databases in the field: make its fixture then (README.md in the fixtures directory).
  // Versions are the migrations' own numbers, which may skip one reserved by another branch.
  auto versions = fixture_versions();
  for (const auto& m : storage::all_migrations()) {
    if (m.version == storage::latest_schema_version()) continue;
    EXPECT_TRUE(std::count(versions.begin(), versions.end(), m.version))
        << "no tests/integration/storage/fixtures/schema_v" << m.version << ".sql: run "
        << "build/tests/make_schema_fixture " << m.version
        << " > tests/integration/storage/fixtures/schema_v" << m.version << ".sql";
  }
}

TEST(SchemaUpgrade, ADatabaseNewerThanTheExecutableIsRefusedWithAClearMessage) {
  TempDir dir;
  std::string db = dir.path() + "/enlace.db";
  load_fixture(fixture_versions().back(), db);
  ASSERT_EQ(run_command({ServerProcess::binary(), "init", "--db", db}).exit_code, 0);
  int future = storage::latest_schema_version() + 1;
  {
    auto c = Connection::open(db, {.read_only = false});
    c.exec(("PRAGMA user_version = " + std::to_string(future)).c_str());
  }
  auto schema = schema_of(db);
  auto init = run_command({ServerProcess::binary(), "init", "--db", db});
  EXPECT_EQ(init.exit_code, 1);
  std::string expected = "schema version " + std::to_string(future) + " but this enlace knows only up to " +
                         std::to_string(future - 1) + ": upgrade enlace";
  EXPECT_NE(init.output.find(expected), std::string::npos) << init.output;
  ServerOptions options;
  options.existing_db = db;
  try {
    ServerProcess server(options);
    ADD_FAILURE() << "enlace serve started on a newer database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
  EXPECT_EQ(schema_of(db), schema) << "refused, untouched";
}

TEST(SchemaUpgrade, AMigrationThatFailsMidwayLeavesTheDatabaseAsItWas) {
  // The oldest fixture needs every migration. Someone added by hand the column that the
  // password-expiry migration adds, so the migrations before it succeed and it fails: all of
  // them must roll back together.
  TempDir dir;
  std::string db = dir.path() + "/enlace.db";
  load_fixture(fixture_versions().front(), db);
  {
    auto c = Connection::open(db, {.read_only = false});
    c.exec("ALTER TABLE app_user ADD COLUMN password_expires_at INTEGER");
  }
  auto schema = schema_of(db);
  auto rows = contents(db, db);
  auto init = run_command({ServerProcess::binary(), "init", "--db", db});
  EXPECT_EQ(init.exit_code, 1);
  EXPECT_NE(init.output.find("Could not migrate the database"), std::string::npos) << init.output;
  EXPECT_NE(init.output.find("password_expires_at"), std::string::npos) << init.output;
  EXPECT_EQ(schema_of(db), schema) << "no table, index or version of the migrations that ran";
  EXPECT_EQ(contents(db, db), rows);
}

}  // namespace
}  // namespace enlace::test
