// PIN hashes and respond-link URLs (gateway/person_view_secrets.hpp).
#include "gateway/person_view_secrets.hpp"

#include <gtest/gtest.h>

using namespace enlace::gateway;

TEST(PersonViewSecrets, APinHashIsSaltedAndChecksOnlyItsPin) {
  auto a = hash_pin("012345"), b = hash_pin("012345");
  EXPECT_NE(a, b);  // a fresh salt each time
  EXPECT_EQ(a.rfind("pbkdf2-sha256$", 0), 0u) << a;
  EXPECT_EQ(a.find("012345"), std::string::npos);
  EXPECT_TRUE(pin_matches("012345", a));
  EXPECT_TRUE(pin_matches("012345", b));
  EXPECT_FALSE(pin_matches("012346", a));
  EXPECT_FALSE(pin_matches("12345", a));
}

TEST(PersonViewSecrets, AMalformedStoredHashNeverMatches) {
  for (const char* stored : {"", "012345", "pbkdf2-sha256$x$00$00", "pbkdf2-sha256$1000$zz$00",
                             "md5$1000$00$00", "pbkdf2-sha256$0$00$00"})
    EXPECT_FALSE(pin_matches("012345", stored)) << stored;
}

TEST(PersonViewSecrets, TheRespondUrlJoinsThePublicUrlOnce) {
  EXPECT_EQ(respond_url("https://enlace.example.org", "tok"), "https://enlace.example.org/respond/tok");
  EXPECT_EQ(respond_url("https://enlace.example.org/", "tok"), "https://enlace.example.org/respond/tok");
  EXPECT_EQ(respond_token_hash("tok").size(), 64u);
  EXPECT_NE(respond_token_hash("tok"), respond_token_hash("tol"));
}
