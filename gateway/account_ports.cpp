// The account ports the gateway implements: see account_ports.hpp.
#include "gateway/account_ports.hpp"

#include "gateway/totp.hpp"

namespace enlace::gateway {

std::string TotpCredentials::new_totp_secret() { return totp::new_secret(); }

std::optional<std::int64_t> TotpCredentials::match_totp(const std::string& secret_base32,
                                                        const std::string& code,
                                                        core::Timestamp now,
                                                        std::int64_t last_used_step) {
  auto key = totp::base32_decode(secret_base32);
  if (!key) return std::nullopt;
  return totp::match_step(*key, code, totp::step_at(now), last_used_step);
}

bool TotpCredentials::looks_like_totp(const std::string& text) {
  return totp::looks_like_code(text);
}

std::vector<std::string> TotpCredentials::new_recovery_codes() {
  return totp::new_recovery_codes();
}

std::optional<std::string> TotpCredentials::recovery_code_hash(const std::string& user_id,
                                                               const std::string& text) {
  auto code = totp::normalise_recovery_code(text);
  if (!code) return std::nullopt;
  return totp::recovery_code_hash(user_id, *code);
}

}  // namespace enlace::gateway
