// `enlace init --demo`: loads the demo network into an empty database only (a database that
// has users is refused, changing nothing), and the demo accounts sign in without two-factor.
#include "demo_server.hpp"

#include "storage/sql.hpp"

#include <algorithm>

using enlace::test::DemoNetwork;
using enlace::test::ServerProcess;
using enlace::test::TempDir;

namespace {

const char* kUsernames[] = {"sysadmin", "auditor", "coordinator", "legazpi.caseworker",
                            "legazpi.admin", "pichincha.caseworker", "pichincha.admin",
                            "shelter.partner", "shelter.admin", "unhcr.partner", "iom.partner",
                            "employment.partner"};

std::int64_t count(const std::string& db, const char* sql) {
  auto c = enlace::storage::Connection::open(db, {.read_only = true});
  auto st = c.prepared(sql);
  st.step();
  return st.int64(0);
}

// What `init --demo` must leave alone: every table it would write.
const char* kCounts[] = {"SELECT count(*) FROM territory",      "SELECT count(*) FROM organization",
                         "SELECT count(*) FROM service",        "SELECT count(*) FROM service_territory",
                         "SELECT count(*) FROM app_user",       "SELECT count(*) FROM audit_event",
                         "SELECT count(*) FROM setting",        "SELECT count(*) FROM case_file",
                         "SELECT count(*) FROM referral",       "SELECT count(*) FROM session",
                         "SELECT max(version) FROM setting",    "SELECT max(version) FROM app_user"};

std::vector<std::int64_t> counts(const std::string& db) {
  std::vector<std::int64_t> out;
  for (auto q : kCounts) out.push_back(count(db, q));
  return out;
}

// The refusal is one line on its own, naming why, and the process exits 1.
void expect_refused(const enlace::test::CommandResult& r) {
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_NE(r.output.find("already has users"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("demo-password"), std::string::npos) << "no sign-ins printed: " << r.output;
}

}  // namespace

TEST(DemoInit, LoadsOnceAndASecondRunIsRefusedChangingNothing) {
  TempDir dir;
  std::string db = dir.path() + "/demo.db";
  std::vector<std::string> argv{ServerProcess::binary(), "init", "--db", db, "--demo"};
  auto first = enlace::test::run_command(argv);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const std::string header =
      "Demo sign-ins (password demo-password-2026; two-factor is off in this demo):";
  EXPECT_NE(first.output.find(header), std::string::npos) << first.output;
  for (auto u : kUsernames) EXPECT_NE(first.output.find(u), std::string::npos) << u;
  EXPECT_NE(first.output.find("Casa de Acogida Quito"), std::string::npos);

  auto before = counts(db);
  EXPECT_EQ(before[4], 12);
  EXPECT_GE(before[2], 20);

  expect_refused(enlace::test::run_command(argv));
  EXPECT_EQ(counts(db), before);
  // Without --demo, init stays idempotent on the demo database (deploy/demo.sh runs it so).
  auto plain = enlace::test::run_command({ServerProcess::binary(), "init", "--db", db});
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(counts(db), before);

  auto verify = enlace::test::run_command({ServerProcess::binary(), "audit", "verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// The demo is built the way real data is: each step through the use case the API runs for it,
// leaving the event the API's step leaves, as the demo's staff at the demo's (past) times; the
// directory and the accounts as the command line, the way `enlace user add` leaves its event.
TEST(DemoInit, IsBuiltThroughTheUseCasesAndLeavesTheirEvents) {
  TempDir dir;
  std::string db = dir.path() + "/demo.db";
  auto r = enlace::test::run_command({ServerProcess::binary(), "init", "--db", db, "--demo"});
  ASSERT_EQ(r.exit_code, 0) << r.output;

  auto events = [&](const std::string& where) {
    return count(db, ("SELECT count(*) FROM audit_event WHERE " + where).c_str());
  };
  EXPECT_EQ(events("outcome <> 'ok'"), 0) << "no step of the demo was refused";
  EXPECT_EQ(events("action = 'territory.create' AND actor_user = 'cli'"),
            count(db, "SELECT count(*) FROM territory"));
  EXPECT_EQ(events("action = 'organization.create' AND actor_user = 'cli'"),
            count(db, "SELECT count(*) FROM organization"));
  EXPECT_EQ(events("action = 'service.create' AND actor_user = 'cli'"),
            count(db, "SELECT count(*) FROM service"));
  EXPECT_EQ(events("action = 'user.create' AND actor_user = 'cli' AND role = 'operator'"), 12);

  // Cases, consents and referrals by the caseworkers, when the case file says they were made.
  const auto cases = count(db, "SELECT count(*) FROM case_file");
  EXPECT_GE(cases, 20);
  EXPECT_EQ(count(db,
                  "SELECT count(*) FROM audit_event a JOIN case_file c ON c.id = a.entity_id "
                  "WHERE a.action = 'case.create' AND a.actor_user = c.created_by "
                  "AND a.organization = c.organization_id AND a.role = 'caseworker' "
                  "AND a.at = c.created_at"),
            cases);
  EXPECT_EQ(events("action = 'consent.create'"), count(db, "SELECT count(*) FROM consent"));
  EXPECT_EQ(count(db,
                  "SELECT count(*) FROM audit_event a JOIN referral r ON r.id = a.entity_id "
                  "WHERE a.action = 'referral.create' AND a.organization = r.from_org "
                  "AND a.at = r.created_at"),
            count(db, "SELECT count(*) FROM referral"));
  // Every move of the lifecycle and every message, as the side that made it.
  EXPECT_GT(events("action = 'referral.transition' AND role = 'partner'"), 0);
  EXPECT_GT(events("action = 'referral.transition' AND role = 'caseworker'"), 0);
  EXPECT_EQ(events("action = 'referral.message'"),
            count(db, "SELECT count(*) FROM referral_message"));
  // A draft is the sender's alone: nobody on the receiving side wrote in one.
  EXPECT_EQ(count(db,
                  "SELECT count(*) FROM referral_message m JOIN referral r ON r.id = m.referral_id "
                  "WHERE r.status = 'draft' AND m.author_org <> r.from_org"),
            0);
  EXPECT_EQ(events("action = 'demo.seed' AND actor_user = 'cli'"), 1);

  auto verify = enlace::test::run_command({ServerProcess::binary(), "audit", "verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// The finding: on a deployment's database `init --demo` added twelve accounts with the
// published password (system_admin among them) and switched two-factor off for everyone.
TEST(DemoInit, RefusesADatabaseThatHasUsersAndChangesNothing) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});
  auto token = s.login("root");
  auto before = counts(s.db_path());

  expect_refused(enlace::test::run_command(
      {ServerProcess::binary(), "init", "--db", s.db_path(), "--demo"}));

  EXPECT_EQ(counts(s.db_path()), before);
  EXPECT_EQ(count(s.db_path(), "SELECT count(*) FROM setting WHERE key = 'demo'"), 0);
  auto sysadmin = s.post("/api/v1/auth/login",
                         {{"username", "sysadmin"}, {"password", enlace::test::kDemoPassword}});
  EXPECT_EQ(sysadmin.status, 401) << sysadmin.body;
  auto r = s.post("/api/v1/auth/login", {{"username", "root"}, {"password", ServerProcess::kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().as_object().contains("demo")) << "two-factor rules are not switched off";
  EXPECT_EQ(s.get("/api/v1/me", token).status, 200);
}

TEST(DemoInit, EveryDemoAccountSignsInWithoutTwoFactor) {
  auto& net = DemoNetwork::get();
  auto& s = net.server();
  s.advance_minutes(1);
  for (auto u : kUsernames) {
    auto r = s.post("/api/v1/auth/login", {{"username", u}, {"password", enlace::test::kDemoPassword}});
    ASSERT_EQ(r.status, 200) << u << ": " << r.body;
    EXPECT_EQ(r.json().at("demo").as_bool(), true) << u;
    auto token = std::string(r.json().at("token").as_string());
    auto me = s.get("/api/v1/me", token);
    ASSERT_EQ(me.status, 200) << u;
    EXPECT_EQ(me.json().at("demo").as_bool(), true);
    EXPECT_EQ(me.json().at("totp_required").as_bool(), false) << u;
    // Even the roles that must use two-factor elsewhere reach the directory at once.
    EXPECT_EQ(s.get("/api/v1/territories", token).status, 200) << u;
  }
}

TEST(DemoInit, OrdinaryDatabaseSaysNothingOfDemo) {
  ServerProcess plain;
  plain.add_user("root", {"system_admin"});
  auto r = plain.post("/api/v1/auth/login", {{"username", "root"}, {"password", ServerProcess::kPassword}});
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(r.json().as_object().contains("demo"));
  // The response standards exist with their defaults from the start.
  auto standards = plain.get("/api/v1/settings/response-standards",
                             std::string(r.json().at("token").as_string()));
  ASSERT_EQ(standards.status, 200);
  EXPECT_EQ(standards.json().at("hours").at("emergency").as_int64(), 4);
  EXPECT_EQ(standards.json().at("hours").at("high").as_int64(), 24);
  EXPECT_EQ(standards.json().at("hours").at("normal").as_int64(), 72);
  EXPECT_EQ(standards.header("etag"), "\"1\"");
}
