// gateway::sha256 (gateway/random.hpp) is the gateway's own: it must give SHA-256's bytes, the
// same as storage's, since a session token's digest taken here is looked up as storage kept it.
#include "core/hex.hpp"
#include "gateway/random.hpp"
#include "storage/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

TEST(GatewaySha256Test, GivesTheStandardDigest) {
  // FIPS 180-2, appendix B.1 and B.2.
  EXPECT_EQ(enlace::core::to_hex(enlace::gateway::sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(enlace::core::to_hex(enlace::gateway::sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(GatewaySha256Test, AgreesWithStorage) {
  std::string data;
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(enlace::gateway::sha256(data), enlace::storage::sha256(data)) << data.size();
    data += static_cast<char>(i * 37);
  }
}
