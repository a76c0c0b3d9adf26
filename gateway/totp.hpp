// Two-factor codes: RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s steps) and one-time recovery
// codes. Pure functions of their inputs (the clock is a parameter); HMAC comes from OpenSSL,
// which is why this lives in gateway/ and not core/.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway::totp {

inline constexpr int kStepSeconds = 30;
inline constexpr int kDigits = 6;
inline constexpr int kDriftSteps = 1;        // one step either way (API.md)
inline constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr int kRecoveryCodes = 10;

// RFC 4648 base32 without padding (what authenticator apps expect).
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

// The time step of an instant: floor(unix seconds / 30).
std::int64_t step_at(core::Timestamp now);

// RFC 4226 HOTP over `key` (raw bytes) for `counter`, zero-padded to `digits`.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = kDigits);

// The step whose code matches `code` within the drift window around `now_step`, provided it
// is later than `last_used_step` (each code works once); nullopt otherwise.
std::optional<std::int64_t> match_step(std::string_view key, std::string_view code,
                                       std::int64_t now_step, std::int64_t last_used_step);

// A new secret, base32.
std::string new_secret();

// otpauth://totp/Enlace:<user>?secret=...&issuer=Enlace&algorithm=SHA1&digits=6&period=30
std::string provisioning_uri(std::string_view username, std::string_view secret_base32);

// Whether `text` has the shape of a TOTP code (6 ASCII digits).
bool looks_like_code(std::string_view text);

// Recovery codes: 10 characters from a 32-symbol alphabet without look-alikes (50 bits).
std::vector<std::string> new_recovery_codes();
// Case, spaces and hyphens ignored; nullopt when it cannot be a recovery code.
std::optional<std::string> normalise_recovery_code(std::string_view text);
// Hex SHA-256 of user id and code: stored instead of the code (see docs/SECURITY.md).
std::string recovery_code_hash(std::string_view user_id, std::string_view normalised_code);

}  // namespace enlace::gateway::totp
