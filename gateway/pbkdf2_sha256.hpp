// PBKDF2-HMAC-SHA256 (RFC 8018), the tracking PIN's hash. OpenSSL 3's PKCS5_PBKDF2_HMAC copies
// and wipes a whole HMAC context on each iteration; here the key's inner and outer SHA-256
// states are computed once, and an iteration is two compressions of a block padded in
// advance: the same bytes (pbkdf2_sha256_test.cpp compares them), several times cheaper
// (PERFORMANCE.md, bench_pbkdf2).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace enlace::gateway {

// `length` bytes of PBKDF2-HMAC-SHA256(password, salt, iterations); iterations >= 1.
std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations,
                          std::size_t length = 32);

}  // namespace enlace::gateway
