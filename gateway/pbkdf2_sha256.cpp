// PBKDF2-HMAC-SHA256 over precomputed HMAC states: see pbkdf2_sha256.hpp.
//
// SHA256_Transform (one compression, OpenSSL's assembly: SHA-NI or AVX2 where the CPU has
// them) is deprecated in OpenSSL 3 in favour of EVP, whose only way to reuse a keyed state is
// EVP_MD_CTX_copy_ex: an allocation and a free per copy, two copies an iteration. That is
// still PKCS5_PBKDF2_HMAC's cost; bench_pbkdf2 measures the three.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "gateway/pbkdf2_sha256.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace enlace::gateway {

namespace {

constexpr std::size_t kBlock = 64, kDigest = 32;
using Block = std::array<unsigned char, kBlock>;

// The chaining value after the key block (K ^ pad), which every message of HMAC starts with.
SHA256_CTX keyed_state(const Block& key, unsigned char pad) {
  Block b;
  for (std::size_t i = 0; i < kBlock; ++i) b[i] = static_cast<unsigned char>(key[i] ^ pad);
  SHA256_CTX c;
  SHA256_Init(&c);
  SHA256_Update(&c, b.data(), b.size());
  OPENSSL_cleanse(b.data(), b.size());
  return c;
}

// The 32-byte big-endian digest of a chaining value.
void put_digest(const SHA256_CTX& c, unsigned char* out) {
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<unsigned char>(c.h[i] >> 24);
    out[4 * i + 1] = static_cast<unsigned char>(c.h[i] >> 16);
    out[4 * i + 2] = static_cast<unsigned char>(c.h[i] >> 8);
    out[4 * i + 3] = static_cast<unsigned char>(c.h[i]);
  }
}

// SHA-256's padding of a 32-byte message that follows one 64-byte block: 0x80, zeros, and
// the length in bits (96 * 8 = 768) in the last eight bytes.
void pad_after_digest(Block& b) {
  std::memset(b.data() + kDigest, 0, kBlock - kDigest);
  b[kDigest] = 0x80;
  b[kBlock - 2] = 0x03;  // 768 = 0x0300
  b[kBlock - 1] = 0x00;
}

}  // namespace

std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations,
                          std::size_t length) {
  if (iterations < 1) throw std::invalid_argument("pbkdf2_sha256: iterations < 1");
  // HMAC's key: the password, or its digest when longer than a block, padded with zeros.
  Block key{};
  if (password.size() > kBlock)
    SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), key.data());
  else if (!password.empty())
    std::memcpy(key.data(), password.data(), password.size());
  const SHA256_CTX inner = keyed_state(key, 0x36), outer = keyed_state(key, 0x5c);
  OPENSSL_cleanse(key.data(), key.size());

  std::string out;
  out.reserve(length);
  Block in_block, out_block;  // U's block for the inner hash, inner digest's for the outer
  pad_after_digest(in_block);
  pad_after_digest(out_block);
  std::array<unsigned char, kDigest> t;
  for (std::uint32_t index = 1; out.size() < length; ++index) {
    // U1 = HMAC(password, salt || INT(index)): salt of any length, through SHA256_Update.
    const unsigned char be[4] = {static_cast<unsigned char>(index >> 24),
                                 static_cast<unsigned char>(index >> 16),
                                 static_cast<unsigned char>(index >> 8),
                                 static_cast<unsigned char>(index)};
    SHA256_CTX c = inner;
    SHA256_Update(&c, salt.data(), salt.size());
    SHA256_Update(&c, be, sizeof be);
    SHA256_Final(out_block.data(), &c);
    c = outer;
    SHA256_Update(&c, out_block.data(), kDigest);
    SHA256_Final(in_block.data(), &c);
    std::memcpy(t.data(), in_block.data(), kDigest);
    // U2..Uc: HMAC of the previous U, 32 bytes: one compression of the block padded above on
    // each keyed state.
    for (int j = 1; j < iterations; ++j) {
      c = inner;
      SHA256_Transform(&c, in_block.data());
      put_digest(c, out_block.data());
      c = outer;
      SHA256_Transform(&c, out_block.data());
      put_digest(c, in_block.data());
      for (std::size_t k = 0; k < kDigest; ++k) t[k] ^= in_block[k];
    }
    out.append(reinterpret_cast<const char*>(t.data()), std::min(kDigest, length - out.size()));
  }
  OPENSSL_cleanse(in_block.data(), in_block.size());
  OPENSSL_cleanse(out_block.data(), out_block.size());
  OPENSSL_cleanse(t.data(), t.size());
  return out;
}

}  // namespace enlace::gateway
