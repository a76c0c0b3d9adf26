// RateBucketRepository on both engines: the bucket's one statement takes and refills exactly as
// core/token_bucket.hpp says, whatever the order of times and leases, and idle buckets go.
#include "storage/rate_bucket_repository.hpp"

#include "core/token_bucket.hpp"
#include "storage/migrations.hpp"
#include "support/pg_test_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace enlace::storage {
namespace {

const core::Timestamp kStart = core::from_millis(1'800'000'000'000);

int buckets(Connection& c) {
  auto st = c.prepared("SELECT COUNT(*) FROM rate_bucket");
  st.step();
  return static_cast<int>(st.int64(0));
}

// Takes (per minute, tokens wanted, milliseconds after kStart; some go back in time, as another
// process's clock may) from one key's bucket in the database and from core's, side by side.
void takes_as_core_says(Connection& c) {
  struct Take {
    int per_minute, wanted, at_ms;
  };
  const Take takes[] = {{6, 1, 0},    {6, 1, 0},     {6, 4, 10},     {6, 4, 20},  {6, 1, 30},
                        {6, 1, 40},   {6, 1, 9'000}, {6, 1, 10'100}, {6, 1, 5'000}, {6, 1, 19'000},
                        {6, 3, 200'000}, {6, 3, 200'001}, {6, 3, 200'002}, {6, 3, 200'003}};
  core::TokenBucket model = core::full_bucket(6, kStart);
  for (const auto& t : takes) {
    auto now = kStart + std::chrono::milliseconds(t.at_ms);
    WriteTxn tx(c);
    auto got = RateBucketRepository::take(tx, "user:u1", t.per_minute, t.wanted, now);
    int expected = core::take_tokens(model, t.per_minute, t.wanted, now);
    EXPECT_EQ(got.taken, expected) << "at " << t.at_ms << " ms";
    EXPECT_NEAR(got.tokens, model.tokens, 1e-9) << "at " << t.at_ms << " ms";
  }
  // Another key has a bucket of its own, full.
  WriteTxn tx(c);
  EXPECT_EQ(RateBucketRepository::take(tx, "user:u2", 6, 6, kStart).taken, 6);
  EXPECT_EQ(RateBucketRepository::take(tx, "user:u2", 6, 1, kStart).taken, 0);
  EXPECT_EQ(buckets(c), 2);
  RateBucketRepository::forget(tx, kStart + std::chrono::milliseconds(1));
  EXPECT_EQ(buckets(c), 1) << "the bucket idle since before the cut-off stays";
}

TEST(RateBucketRepositoryTest, TakesAsTheCoreRulesSayOnSqlite) {
  auto dir = std::filesystem::temp_directory_path() /
             ("enlace-rate-bucket-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "db.sqlite").string();
  ASSERT_TRUE(migrate(path));
  {
    auto c = Connection::open(path, {});
    takes_as_core_says(c);
  }
  std::filesystem::remove_all(dir);
}

TEST(RateBucketRepositoryTest, TakesAsTheCoreRulesSayOnPostgres) {
  ENLACE_REQUIRE_TEST_POSTGRES();
  test::PgTestDatabase db;
  ASSERT_TRUE(migrate(db.uri()));
  auto c = Connection::open(db.uri(), {});
  takes_as_core_says(c);
}

}  // namespace
}  // namespace enlace::storage
