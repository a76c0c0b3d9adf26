// storage::sha256, the digest storage keeps of a session token and the gateway takes of the token
// it is handed: SHA-256's bytes, or a signed-in user would not be found.
#include "core/hex.hpp"
#include "storage/sha256.hpp"

#include <gtest/gtest.h>

TEST(Sha256Test, GivesTheStandardDigest) {
  // FIPS 180-2, appendix B.1 and B.2, and the empty message.
  EXPECT_EQ(enlace::core::to_hex(enlace::storage::sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(enlace::core::to_hex(enlace::storage::sha256(
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(enlace::core::to_hex(enlace::storage::sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
