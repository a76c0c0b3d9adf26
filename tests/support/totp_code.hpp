// RFC 6238 codes computed by the tests themselves, written apart from gateway/totp.cpp so that
// a shared mistake cannot make both sides agree.
#pragma once

#include <cstdint>
#include <string>

namespace enlace::test {

// Unix seconds of an RFC 3339 UTC instant ("2026-11-24T12:00:00Z").
std::int64_t unix_seconds(const std::string& rfc3339);

// The 6-digit TOTP code (SHA-1, 30 s) for a base32 secret at an instant.
std::string totp_code(const std::string& base32_secret, std::int64_t unix_seconds);

}  // namespace enlace::test
