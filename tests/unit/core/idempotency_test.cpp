// Rules of idempotent writes: which keys are valid, which answers are kept, how long.
#include "core/idempotency.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace enlace::core;

TEST(IdempotencyKeyTest, OneTo255PrintableAsciiCharacters) {
  EXPECT_TRUE(valid_idempotency_key("k"));
  EXPECT_TRUE(valid_idempotency_key("3f1c9a5e-7b2d-4e8f-9a6b-0c1d2e3f4a5b"));
  EXPECT_TRUE(valid_idempotency_key(" ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"));
  EXPECT_TRUE(valid_idempotency_key(std::string(255, 'a')));
  EXPECT_FALSE(valid_idempotency_key(""));
  EXPECT_FALSE(valid_idempotency_key(std::string(256, 'a')));
  EXPECT_FALSE(valid_idempotency_key("tab\there"));
  EXPECT_FALSE(valid_idempotency_key(std::string("nul\0x", 5)));
  EXPECT_FALSE(valid_idempotency_key("del\x7f"));
  EXPECT_FALSE(valid_idempotency_key("caf\xc3\xa9"));  // UTF-8 is not ASCII
}

TEST(IdempotencyKeyTest, ConflictsLimitsAndServerErrorsAreNotKept) {
  for (int status : {200, 201, 400, 403, 404, 412, 422, 428}) EXPECT_TRUE(idempotent_reply_kept(status)) << status;
  for (int status : {409, 429, 500, 502, 503}) EXPECT_FALSE(idempotent_reply_kept(status)) << status;
}

TEST(IdempotencyKeyTest, KeysHoldFor24Hours) {
  Timestamp now = from_millis(1'800'000'000'000);
  EXPECT_EQ(now - idempotency_oldest_kept(now), std::chrono::hours(24));
}
