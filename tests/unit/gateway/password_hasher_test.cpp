// The dummy hash that unknown users are verified against.
#include "gateway/password_hasher.hpp"

#include <argon2.h>
#include <gtest/gtest.h>

using enlace::gateway::Argon2Params;
using enlace::gateway::PasswordHasher;

// A mismatch (not a decoding error) means argon2 ran the full hash with our cost, as for a
// real user with a wrong password.
TEST(PasswordHasher, DummyHashIsWellFormedWithOurCostAndMatchesNothing) {
  PasswordHasher h(Argon2Params{1024, 2, 1}, 1);
  EXPECT_EQ(h.dummy_hash().rfind("$argon2id$v=19$m=1024,t=2,p=1$", 0), 0u);
  for (const char* pw : {"", "enlace-dummy-password", "correct horse battery staple"})
    EXPECT_EQ(argon2id_verify(h.dummy_hash().c_str(), pw, std::char_traits<char>::length(pw)),
              ARGON2_VERIFY_MISMATCH);
}

TEST(PasswordHasher, EachServerHasItsOwnDummy) {
  PasswordHasher a(Argon2Params{1024, 1, 1}, 1), b(Argon2Params{1024, 1, 1}, 1);
  EXPECT_NE(a.dummy_hash(), b.dummy_hash());
}
