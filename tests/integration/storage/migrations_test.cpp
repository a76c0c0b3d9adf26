// Schema migrations on real SQLite files: from empty, re-run, and a newer database refused.
#include "storage/migrations.hpp"
#include "storage/sql.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace enlace::storage;

namespace {
struct TempDb {
  std::string dir, path;
  TempDb() {
    char tmpl[] = "/tmp/enlace-mig-XXXXXX";
    dir = ::mkdtemp(tmpl);
    path = dir + "/test.db";
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
};
}  // namespace

TEST(Migrations, EmptyFileIsBroughtToTheLatestVersion) {
  TempDb db;
  auto r = migrate(db.path);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  EXPECT_EQ(r->from_version, 0);
  EXPECT_EQ(r->to_version, latest_schema_version());
  EXPECT_EQ(*schema_version(db.path), latest_schema_version());
  auto c = Connection::open(db.path, {.read_only = true});
  auto st = c.prepared("SELECT count(*) FROM category");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(0), 12);  // the seeded categories of PRODUCT.md
}

TEST(Migrations, RerunChangesNothing) {
  TempDb db;
  ASSERT_TRUE(migrate(db.path).has_value());
  {
    auto c = Connection::open(db.path, {});
    c.exec("INSERT INTO setting (key, value, updated_at) VALUES ('marker', '1', 0)");
  }
  auto again = migrate(db.path);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->from_version, again->to_version);
  auto c = Connection::open(db.path, {.read_only = true});
  auto st = c.prepared("SELECT value FROM setting WHERE key = 'marker'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "1");
}

TEST(Migrations, DatabaseNewerThanTheExecutableIsRefusedUntouched) {
  TempDb db;
  ASSERT_TRUE(migrate(db.path).has_value());
  int future = latest_schema_version() + 1;
  {
    auto c = Connection::open(db.path, {});
    c.exec(("PRAGMA user_version = " + std::to_string(future)).c_str());
  }
  auto r = migrate(db.path);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, enlace::core::ErrorCode::conflict);
  EXPECT_NE(r.error().detail.find("upgrade enlace"), std::string::npos);
  EXPECT_EQ(*schema_version(db.path), future);
}

TEST(Migrations, EachMigrationAppliesOnTopOfThePreviousOnes) {
  // Apply one migration at a time, as an old database meets a newer executable.
  TempDb db;
  auto c = Connection::open(db.path, {.read_only = false, .create = true});
  for (const auto& m : all_migrations()) {
    c.exec("BEGIN");
    c.exec(m.sql);
    c.exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    c.exec("COMMIT");
  }
  EXPECT_EQ(*schema_version(db.path), latest_schema_version());
  auto check = c.prepared("PRAGMA foreign_key_check");
  EXPECT_FALSE(check.step());
}

TEST(Migrations, VersionsStrictlyIncrease) {
  // The runner applies every migration above the stored version, in table order, and stamps
  // the last one's: an out-of-order entry would be skipped or applied twice.
  int previous = 0;
  for (const auto& m : all_migrations()) {
    EXPECT_GT(m.version, previous) << m.name;
    previous = m.version;
  }
}

TEST(Migrations, TerritoriesHaveAnOptionalTimeZone) {
  TempDb db;
  ASSERT_TRUE(migrate(db.path).has_value());
  auto c = Connection::open(db.path, {});
  c.exec("INSERT INTO territory (id, name, level, created_at, updated_at)"
         " VALUES ('t1', 'Ecuador', 'country', 0, 0)");
  auto st = c.prepared("SELECT time_zone IS NULL FROM territory WHERE id = 't1'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(0), 1);
}
