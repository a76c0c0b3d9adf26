// TOTP and recovery codes: see totp.hpp.
#include "gateway/totp.hpp"

#include "gateway/percent_encode.hpp"
#include "gateway/random.hpp"

#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

namespace enlace::gateway::totp {

namespace {
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// 32 symbols without 0/o and 1/l, so a code copied by hand survives; 5 bits each.
constexpr std::string_view kRecoverySymbols = "23456789abcdefghijkmnpqrstuvwxyz";
constexpr std::size_t kRecoveryLength = 10;
}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += kBase32[(acc << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ') continue;
    auto c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else return std::nullopt;
    acc = (acc << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::int64_t step_at(core::Timestamp now) {
  auto ms = core::to_millis(now);
  auto s = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  return s >= 0 ? s / kStepSeconds : (s - kStepSeconds + 1) / kStepSeconds;
}

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> msg{};
  for (int i = 7; i >= 0; --i, counter >>= 8) msg[static_cast<std::size_t>(i)] = counter & 0xFF;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg.data(), msg.size(),
            mac.data(), &len))
    throw std::runtime_error("HMAC-SHA-1 failed");
  // RFC 4226 section 5.3: dynamic truncation.
  int offset = mac[len - 1] & 0x0F;
  std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                      (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                      (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                      static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

bool looks_like_code(std::string_view text) {
  if (text.size() != static_cast<std::size_t>(kDigits)) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<std::int64_t> match_step(std::string_view key, std::string_view code,
                                       std::int64_t now_step, std::int64_t last_used_step) {
  if (!looks_like_code(code)) return std::nullopt;
  std::optional<std::int64_t> found;
  // Every candidate is computed and compared in constant time, so timing reveals nothing.
  for (std::int64_t s = now_step - kDriftSteps; s <= now_step + kDriftSteps; ++s) {
    if (s < 0) continue;
    auto expected = hotp(key, static_cast<std::uint64_t>(s));
    bool same = CRYPTO_memcmp(expected.data(), code.data(), expected.size()) == 0;
    if (same && s > last_used_step && !found) found = s;
  }
  return found;
}

std::string new_secret() { return base32_encode(random_bytes(kSecretBytes)); }

std::string provisioning_uri(std::string_view username, std::string_view secret_base32) {
  return "otpauth://totp/Enlace:" + percent_encode(username) + "?secret=" +
         std::string(secret_base32) + "&issuer=Enlace&algorithm=SHA1&digits=" +
         std::to_string(kDigits) + "&period=" + std::to_string(kStepSeconds);
}

std::vector<std::string> new_recovery_codes() {
  std::vector<std::string> codes;
  while (codes.size() < static_cast<std::size_t>(kRecoveryCodes)) {
    std::string code;
    for (unsigned char b : random_bytes(kRecoveryLength)) code += kRecoverySymbols[b & 31];
    codes.push_back(std::move(code));
  }
  return codes;
}

std::optional<std::string> normalise_recovery_code(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == ' ' || ch == '-') continue;
    auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (kRecoverySymbols.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
  }
  if (out.size() != kRecoveryLength) return std::nullopt;
  return out;
}

std::string recovery_code_hash(std::string_view user_id, std::string_view normalised_code) {
  return to_hex(sha256(std::string(user_id) + ":" + std::string(normalised_code)));
}

}  // namespace enlace::gateway::totp
