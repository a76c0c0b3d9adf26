// gateway/pbkdf2_sha256.hpp gives PKCS5_PBKDF2_HMAC's bytes: stored PIN hashes keep verifying.
#include "gateway/pbkdf2_sha256.hpp"

#include "core/hex.hpp"
#include "gateway/person_view_secrets.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <rapidcheck/gtest.h>

#include <string>

using namespace enlace::gateway;

namespace {

std::string openssl_pbkdf2(const std::string& password, const std::string& salt, int iterations,
                           std::size_t length) {
  std::string out(length, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(length), reinterpret_cast<unsigned char*>(out.data())) != 1)
    throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
  return out;
}

std::string hex(const std::string& bytes) { return enlace::core::to_hex(bytes); }

}  // namespace

// RFC 7914 section 11 (PBKDF2-HMAC-SHA256) and the RFC 6070 inputs with SHA-256.
TEST(Pbkdf2Sha256, GivesThePublishedVectors) {
  struct Vector {
    std::string password, salt;
    int iterations;
    std::size_t length;
    const char* hex;
  };
  const Vector vectors[] = {
      {"passwd", "salt", 1, 64,
       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
       "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
      {"Password", "NaCl", 80000, 64,
       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
       "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"},
      {"password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
      {"password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
      {"password", "salt", 4096, 32,
       "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"},
      {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
       "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"},
      {std::string("pass\0word", 9), std::string("sa\0lt", 5), 4096, 16,
       "89b69d0516f829893c696226650a8687"},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(hex(pbkdf2_sha256(v.password, v.salt, v.iterations, v.length)), v.hex)
        << v.password << " " << v.iterations;
    EXPECT_EQ(hex(openssl_pbkdf2(v.password, v.salt, v.iterations, v.length)), v.hex);
  }
}

// Any password (empty, a block long, longer than a block: then its digest is HMAC's key), any
// salt (across SHA-256's padding boundaries), any length (several 32-byte blocks, a partial
// last one), few or many iterations.
RC_GTEST_PROP(Pbkdf2Sha256Property, GivesTheBytesOfOpenSslsPbkdf2, ()) {
  const auto password = *rc::gen::container<std::string>(
      *rc::gen::inRange<std::size_t>(0, 150), rc::gen::arbitrary<char>());
  const auto salt = *rc::gen::container<std::string>(*rc::gen::inRange<std::size_t>(0, 150),
                                                     rc::gen::arbitrary<char>());
  const int iterations = *rc::gen::oneOf(rc::gen::inRange(1, 4), rc::gen::inRange(1, 1200));
  const auto length = *rc::gen::inRange<std::size_t>(1, 100);
  RC_ASSERT(hex(pbkdf2_sha256(password, salt, iterations, length)) ==
            hex(openssl_pbkdf2(password, salt, iterations, length)));
}

TEST(Pbkdf2Sha256, RefusesZeroIterations) {
  EXPECT_THROW(pbkdf2_sha256("012345", "salt", 0), std::invalid_argument);
}

// A PIN hash stored by the PKCS5_PBKDF2_HMAC version (salt 00..0f, computed with it).
TEST(Pbkdf2Sha256, APinHashStoredBeforeStillVerifies) {
  std::string salt;
  for (int i = 0; i < 16; ++i) salt += static_cast<char>(i);
  const std::string stored =
      "pbkdf2-sha256$1000$" + hex(salt) + "$" + hex(openssl_pbkdf2("480213", salt, 1000, 32));
  EXPECT_TRUE(pin_matches("480213", stored));
  EXPECT_FALSE(pin_matches("480214", stored));
}
