// The command line's whole-database commands as an operator reads them: the exact lines and
// exit codes of `purge`, `backup`, `audit verify`, `init`, a command on a database that was
// never initialised, and the refusals of `migrate` and `rekey`, which scripts around Enlace
// parse. On both engines where the line is the
// same; the engine's own lines (pages or pg_dump) each on theirs.
#include "support/server_process.hpp"
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace enlace::test {
namespace {

TEST(CliOutput, PurgeSaysHowManyCasesAndWarnsOfTheTestClock) {
  ServerProcess s;
  ASSERT_EQ(s.stop(), 0);
  std::map<std::string, std::string> env{{"ENLACE_TEST_CLOCK_FILE", s.dir() + "/now"}};
  auto r = run_command({ServerProcess::binary(), "purge", "--db", s.db_path(), "--older-than", "30"},
                       "", env);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "enlace: WARNING: using the test clock\n"
            "purged 0 case(s) closed more than 30 days ago\n");
}

TEST(CliOutput, ACommandOnADatabaseNeverInitialisedSaysToRunInitFirst) {
  TempDir dir;
  const std::string db = dir.path() + "/none.sqlite";
  auto r = run_command({ServerProcess::binary(), "stats", "gaps", "--db", db});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(r.output, "enlace: run `enlace init --db " + db + "` first\n");
  EXPECT_FALSE(std::filesystem::exists(db)) << "nothing created";
}

TEST(CliOutput, InitOnACurrentDatabaseSaysItsSchemaVersion) {
  if (testing_postgres()) GTEST_SKIP() << "PostgresCli pins init's lines on PostgreSQL";
  ServerProcess s;
  ASSERT_EQ(s.stop(), 0);
  auto r = run_command({ServerProcess::binary(), "init", "--db", s.db_path()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "database " + s.db_path() + " is at schema version " +
                          std::to_string(storage::latest_schema_version()) + "\n");
}

TEST(CliOutput, AuditVerifyRefusesAHeadThatIsNotOneBeforeOpeningTheDatabase) {
  TempDir dir;
  auto r = run_command({ServerProcess::binary(), "audit", "verify", "--db", dir.path() + "/none.sqlite",
                        "--expect-head", "ABC"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output,
            "enlace: --expect-head must be a head hash as printed by `enlace audit verify` "
            "(64 lowercase hex digits)\n");
}

TEST(CliOutput, BackupSaysWhereItWroteAndTheChainItVerified) {
  ServerProcess s;
  s.add_user("root", {"system_admin"});  // one event at least
  TempDir dir;
  const std::string to = dir.path() + "/copy";
  auto r = run_command({ServerProcess::binary(), "backup", "--db", s.db_path(), "--to", to});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const std::string what = testing_postgres() ? "pg_dump custom format" : "[0-9]+ pages";
  const std::string where = testing_postgres() ? "keep this head and count with the backup"
                                               : "the head and count are recorded in the backup";
  EXPECT_TRUE(std::regex_match(r.output, std::regex("backup written to " + to + ": " + what +
                                                    ", audit chain ok with [1-9][0-9]* events, "
                                                    "head [0-9a-f]{64} \\(UNKEYED\\); " + where + "\n")))
      << r.output;
}

TEST(CliOutput, MigrateRefusesANameThatIsNotWhatItsOptionTakesWithoutRepeatingIt) {
  if (testing_postgres()) GTEST_SKIP() << "the names are checked before any database is opened";
  TempDir dir;
  const std::string file = dir.path() + "/deployment.sqlite";
  auto migrate = [&](const std::string& from, const std::string& to) {
    return run_command({ServerProcess::binary(), "migrate", "--from", from, "--to", to});
  };
  auto r = migrate("postgresql://enlace@localhost/a", "postgresql://enlace@localhost/b");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output, "enlace: --from must be the SQLite database file of the deployment to move\n");
  r = migrate(file, dir.path() + "/other.sqlite");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output,
            "enlace: --to must be a PostgreSQL URI (postgresql://user@host:port/dbname)\n");
  r = migrate(file, "postgresql://enlace:s3cret-word@localhost/enlace");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output.rfind("enlace: --to carries a password: remove it from the URI", 0), 0u)
      << r.output;
  EXPECT_EQ(r.output.find("s3cret-word"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(file)) << "nothing created";
}

TEST(CliOutput, RekeyRefusesAKeyFileItCannotReadBeforeOpeningTheDatabase) {
  TempDir dir;
  const std::string db = dir.path() + "/none.sqlite";
  const std::string missing = dir.path() + "/no-such-key";
  auto r = run_command({ServerProcess::binary(), "rekey", "--db", db, "--new-key-file", missing});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output, "enlace: encryption_key_file: cannot read " + missing + "\n");
  EXPECT_FALSE(std::filesystem::exists(db)) << "nothing created";
}

TEST(CliOutput, RekeyRefusesADatabaseARunningServerHolds) {
  if (testing_postgres()) GTEST_SKIP() << "EncryptionAtRestTest covers PostgreSQL's refusal";
  ServerProcess s;
  TempDir dir;
  const std::string key = dir.path() + "/key";
  std::ofstream(key) << std::string(64, 'b') << "\n";
  auto r = run_command({ServerProcess::binary(), "rekey", "--db", s.db_path(), "--new-key-file", key});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(r.output, "enlace: " + s.db_path() + " is in use by a running enlace server\n");
  EXPECT_EQ(s.get("/healthz").status, 200);
}

}  // namespace
}  // namespace enlace::test
