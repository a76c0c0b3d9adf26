// PostgreSQL's client programs run by `enlace backup` and `restore` get the password of
// db_password_file in a private password file named by PGPASSFILE (escaped as libpq reads it),
// never on their command line, and the file is gone once they end.
#include "storage/postgres/pg_password.hpp"
#include "storage/postgres/pg_tools.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace enlace::storage {
namespace {

// What the child saw: its password file's path, mode and content, and its arguments.
constexpr const char* kShowPassFile =
    R"(printf '%s\n' "$PGPASSFILE"; stat -c %a "$PGPASSFILE"; cat "$PGPASSFILE"; printf 'args:%s\n' "$*")";

TEST(PgTools, TheChildGetsThePasswordInAPrivateFileOnly) {
  install_pg_password("s3cret:with\\colon");
  auto run = run_pg_tool("sh", {"-c", kShowPassFile, "sh", "--dbname=postgresql://enlace@db/enlace"}, true);
  install_pg_password("");
  ASSERT_TRUE(run) << run.error().detail;
  EXPECT_EQ(run->exit_code, 0) << run->output;
  auto first_line = run->output.substr(0, run->output.find('\n'));
  EXPECT_NE(run->output.find("\n600\n*:*:*:*:s3cret\\:with\\\\colon\n"), std::string::npos) << run->output;
  EXPECT_NE(run->output.find("args:--dbname=postgresql://enlace@db/enlace\n"), std::string::npos) << run->output;
  EXPECT_FALSE(std::filesystem::exists(first_line)) << "the password file outlives the child";
}

TEST(PgTools, WithoutAPasswordTheUsersOwnPassFileApplies) {
  setenv("PGPASSFILE", "/home/someone/.pgpass", 1);
  auto run = run_pg_tool("sh", {"-c", R"(printf '%s' "$PGPASSFILE")"}, true);
  unsetenv("PGPASSFILE");
  ASSERT_TRUE(run) << run.error().detail;
  EXPECT_EQ(run->output, "/home/someone/.pgpass");
}

TEST(PgTools, AMissingProgramNamesThePackage) {
  auto run = run_pg_tool("enlace-no-such-pg-tool", {});
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().detail.find("postgresql-client-15"), std::string::npos) << run.error().detail;
}

}  // namespace
}  // namespace enlace::storage
