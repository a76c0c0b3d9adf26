// `enlace backup` and `enlace restore` on PostgreSQL (API.md "PostgreSQL"): the backup is
// pg_dump's custom format (readable by pg_restore) of a verified snapshot; restore puts it into
// an empty database owned by the connecting role and verifies it, and the restored deployment
// holds every row and the same audit chain; a target with tables, a file that is not a dump and
// an existing backup file are refused, changing nothing.
#include "support/pg_test_database.hpp"
#include "support/server_process.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

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

}  // namespace
}  // namespace enlace::test
