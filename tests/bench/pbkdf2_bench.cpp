// The tracking PIN's hash (PBKDF2-HMAC-SHA256, 1,000 iterations, 16-byte salt, 6-digit PIN)
// three ways: OpenSSL 3's PKCS5_PBKDF2_HMAC (what Enlace called before), the same over EVP
// with the key's HMAC states computed once (EVP_MD_CTX_copy_ex of each state per iteration),
// and gateway/pbkdf2_sha256.cpp (one SHA256_Transform per state per iteration).
// Usage: ninja -C build bench_pbkdf2 && build/tests/bench_pbkdf2
#include "gateway/pbkdf2_sha256.hpp"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <string>

namespace {

constexpr int kIterations = 1000;
const std::string kPin = "012345";
const std::string kSalt = "0123456789abcdef";

std::string openssl_pkcs5(const std::string& pin, const std::string& salt, int iterations) {
  std::array<unsigned char, 32> out{};
  if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

// One 32-byte block (length 32 only), the key at most 64 bytes: enough to time it.
std::string evp_states(const std::string& pin, const std::string& salt, int iterations) {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, 64> ipad{}, opad{};
  for (std::size_t i = 0; i < 64; ++i) {
    unsigned char k = i < pin.size() ? static_cast<unsigned char>(pin[i]) : 0;
    ipad[i] = k ^ 0x36;
    opad[i] = k ^ 0x5c;
  }
  EVP_MD_CTX *inner = EVP_MD_CTX_new(), *outer = EVP_MD_CTX_new(), *c = EVP_MD_CTX_new();
  EVP_DigestInit_ex(inner, md, nullptr);
  EVP_DigestUpdate(inner, ipad.data(), ipad.size());
  EVP_DigestInit_ex(outer, md, nullptr);
  EVP_DigestUpdate(outer, opad.data(), opad.size());
  std::array<unsigned char, 32> u{}, t{};
  const unsigned char one[4] = {0, 0, 0, 1};
  EVP_MD_CTX_copy_ex(c, inner);
  EVP_DigestUpdate(c, salt.data(), salt.size());
  EVP_DigestUpdate(c, one, 4);
  EVP_DigestFinal_ex(c, u.data(), nullptr);
  EVP_MD_CTX_copy_ex(c, outer);
  EVP_DigestUpdate(c, u.data(), u.size());
  EVP_DigestFinal_ex(c, u.data(), nullptr);
  t = u;
  for (int j = 1; j < iterations; ++j) {
    EVP_MD_CTX_copy_ex(c, inner);
    EVP_DigestUpdate(c, u.data(), u.size());
    EVP_DigestFinal_ex(c, u.data(), nullptr);
    EVP_MD_CTX_copy_ex(c, outer);
    EVP_DigestUpdate(c, u.data(), u.size());
    EVP_DigestFinal_ex(c, u.data(), nullptr);
    for (std::size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
  }
  EVP_MD_CTX_free(c);
  EVP_MD_CTX_free(outer);
  EVP_MD_CTX_free(inner);
  return std::string(reinterpret_cast<const char*>(t.data()), t.size());
}

void BM_Pkcs5Pbkdf2Hmac(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(openssl_pkcs5(kPin, kSalt, kIterations));
}
BENCHMARK(BM_Pkcs5Pbkdf2Hmac);

void BM_EvpCopiedStates(benchmark::State& state) {
  if (evp_states(kPin, kSalt, kIterations) != openssl_pkcs5(kPin, kSalt, kIterations))
    state.SkipWithError("EVP variant differs");
  for (auto _ : state) benchmark::DoNotOptimize(evp_states(kPin, kSalt, kIterations));
}
BENCHMARK(BM_EvpCopiedStates);

void BM_Pbkdf2Sha256(benchmark::State& state) {
  if (enlace::gateway::pbkdf2_sha256(kPin, kSalt, kIterations) !=
      openssl_pkcs5(kPin, kSalt, kIterations))
    state.SkipWithError("pbkdf2_sha256 differs");
  for (auto _ : state)
    benchmark::DoNotOptimize(enlace::gateway::pbkdf2_sha256(kPin, kSalt, kIterations));
}
BENCHMARK(BM_Pbkdf2Sha256);

}  // namespace

BENCHMARK_MAIN();
