// `--db postgresql://...` on the real command line: init creates the schema on an empty
// database (and a second run changes nothing), refuses one that is not Enlace's, names the
// extensions an administrator must create, says in one line that an unreachable server cannot be
// reached; audit verify checks the chain there; a URI with a password is refused and never
// printed; serve and the other commands say plainly that they do not run on PostgreSQL in this
// build.
#include "support/pg_test_database.hpp"
#include "support/server_process.hpp"
#include "support/sockets.hpp"
#include "core/audit_event.hpp"
#include "storage/postgres/pg_audit_log.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_migrations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace enlace::test {
namespace {

std::string one_value(const std::string& uri, const std::string& sql) {
  auto c = storage::PgConnection::open(uri);
  auto r = c.query(sql);
  return r.rows() > 0 ? r.text(0, 0) : "";
}

TEST(PostgresCli, InitCreatesTheSchemaAndASecondRunChangesNothing) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  auto first = run_enlace({"init", "--db", db.uri()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  // The build's newest version, whatever migrations it has.
  const std::string newest = std::to_string(storage::latest_pg_schema_version());
  EXPECT_NE(first.output.find("created at schema version " + newest), std::string::npos)
      << first.output;
  EXPECT_EQ(one_value(db.uri(), "SELECT version FROM enlace_schema"), newest);
  EXPECT_EQ(one_value(db.uri(), "SELECT count(*) FROM category"), "12");
  {
    auto c = storage::PgConnection::open(db.uri());
    c.query("INSERT INTO setting (key, value, updated_at) VALUES ($1, $2, 0)", {"marker", "1"});
  }
  auto again = run_enlace({"init", "--db", db.uri()});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("is at schema version " + newest), std::string::npos)
      << again.output;
  EXPECT_EQ(one_value(db.uri(), "SELECT value FROM setting WHERE key = 'marker'"), "1");
  EXPECT_EQ(one_value(db.uri(), "SELECT count(*) FROM category"), "12");
}

TEST(PostgresCli, InitRefusesADatabaseThatIsNotEnlaces) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  {
    auto c = storage::PgConnection::open(db.uri());
    c.exec_script("CREATE TABLE invoices (id bigint PRIMARY KEY)");
  }
  auto r = run_enlace({"init", "--db", db.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not Enlace's (public.invoices)"), std::string::npos) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_EQ(one_value(db.uri(), "SELECT to_regclass('enlace_schema') IS NULL AND to_regclass('case_file') IS NULL"),
            "t");
  EXPECT_EQ(one_value(db.uri(), "SELECT count(*) FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')"), "0");
}

TEST(PostgresCli, InitNamesTheExtensionsAnAdministratorMustCreate) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  {
    // The owner gives up CREATE on its database: it may no longer create extensions, as a
    // role that was only granted a schema.
    auto c = storage::PgConnection::open(db.uri());
    c.exec_script(("REVOKE CREATE ON DATABASE \"" + db.name() + "\" FROM PUBLIC, CURRENT_USER").c_str());
  }
  auto r = run_enlace({"init", "--db", db.uri()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("CREATE EXTENSION unaccent SCHEMA public; CREATE EXTENSION pg_trgm SCHEMA public;"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_EQ(one_value(db.uri(), "SELECT to_regclass('enlace_schema') IS NULL"), "t");

  {
    // What the administrator runs (here the owner, given CREATE back for the purpose).
    auto c = storage::PgConnection::open(db.uri());
    c.exec_script(("GRANT CREATE ON DATABASE \"" + db.name() + "\" TO CURRENT_USER").c_str());
    c.exec_script("CREATE EXTENSION unaccent SCHEMA public; CREATE EXTENSION pg_trgm SCHEMA public");
    c.exec_script(("REVOKE CREATE ON DATABASE \"" + db.name() + "\" FROM CURRENT_USER").c_str());
  }
  auto after = run_enlace({"init", "--db", db.uri()});
  EXPECT_EQ(after.exit_code, 0) << after.output;
  EXPECT_EQ(one_value(db.uri(), "SELECT version FROM enlace_schema"),
            std::to_string(storage::latest_pg_schema_version()));
}

TEST(PostgresCli, AuditVerifyChecksTheChainOnPostgres) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  PgTestDatabase db;
  ASSERT_EQ(run_enlace({"init", "--db", db.uri()}).exit_code, 0);
  {
    auto c = storage::PgConnection::open(db.uri());
    storage::PgTransaction tx(c);
    for (int i = 1; i <= 5; ++i) {
      core::AuditContext ctx;
      ctx.actor_user = "user-1";
      ctx.role = "caseworker";
      ctx.at = core::from_millis(1'790'000'000'000 + i * 1000);
      storage::append_audit(c, ctx.event("case.read", "case", "case-" + std::to_string(i)), nullptr);
    }
    tx.commit();
  }
  auto ok = run_enlace({"audit", "verify", "--db", db.uri()});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("audit chain ok: 5 events"), std::string::npos) << ok.output;
  {
    auto c = storage::PgConnection::open(db.uri());
    c.query("UPDATE audit_event SET outcome = $1 WHERE seq = $2", {"denied", 3});
  }
  auto broken = run_enlace({"audit", "verify", "--db", db.uri()});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("audit chain BROKEN at event 3"), std::string::npos) << broken.output;
}

TEST(PostgresCli, UnreachableServerIsOneLineNamingHostAndPort) {
  int port = free_port();
  auto r = run_enlace({"init", "--db", "postgresql://enlace@127.0.0.1:" + std::to_string(port) + "/enlace"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(line_count(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("cannot connect to PostgreSQL at 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << r.output;
}

TEST(PostgresCli, UriWithAPasswordIsRefusedAndNeverPrinted) {
  for (const std::string uri : {"postgresql://enlace:Sup3rSecretPw@127.0.0.1:5432/enlace",
                                "postgresql://enlace@127.0.0.1:5432/enlace?password=Sup3rSecretPw"}) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"init", "--db", uri}, {"serve", "--db", uri, "--port", "0"},
             {"serve", "--db", uri, "--check-config"}, {"audit", "verify", "--db", uri}}) {
      auto r = run_enlace(args);
      EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.output;
      EXPECT_NE(r.output.find("carries a password"), std::string::npos) << r.output;
      EXPECT_EQ(r.output.find("Sup3rSecretPw"), std::string::npos) << r.output;
    }
    auto env = run_enlace({"serve", "--port", "0"}, {{"ENLACE_DB", uri}});
    EXPECT_EQ(env.exit_code, 2) << env.output;
    EXPECT_EQ(env.output.find("Sup3rSecretPw"), std::string::npos) << env.output;
  }
}

TEST(PostgresCli, AnUnreachableServerIsOneLineNamingWhereAndExit1) {
  // Nothing listens there: every command that runs on PostgreSQL says so before anything else.
  const std::string port = std::to_string(free_port());
  const std::string uri = "postgresql://enlace@127.0.0.1:" + port + "/enlace";
  TempDir dir;
  const std::string file = dir.path() + "/f";
  const std::string key = dir.path() + "/key";
  std::ofstream(key) << std::string(64, 'a') << "\n";
  std::filesystem::permissions(key, std::filesystem::perms::owner_read);
  const std::vector<std::vector<std::string>> commands = {
      {"serve", "--db", uri, "--port", "0"},
      {"stats", "gaps", "--db", uri},
      {"directory", "export", "--db", uri, "--to", file},
      {"init", "--db", uri, "--demo"},
      {"purge", "--db", uri},
      {"rekey", "--db", uri, "--new-key-file", key},
  };
  for (const auto& args : commands) {
    auto r = run_enlace(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.output;
    EXPECT_EQ(line_count(r.output), 1) << args[0] << ": " << r.output;
    EXPECT_NE(r.output.find("cannot connect to PostgreSQL at 127.0.0.1:" + port), std::string::npos)
        << args[0] << ": " << r.output;
  }
  auto env = run_enlace({"serve", "--port", "0"}, {{"ENLACE_DB", uri}});
  EXPECT_EQ(env.exit_code, 1) << env.output;
  EXPECT_EQ(line_count(env.output), 1) << env.output;
}

}  // namespace
}  // namespace enlace::test
