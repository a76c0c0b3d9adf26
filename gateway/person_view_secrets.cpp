// Respond-link tokens and tracking PINs: see person_view_secrets.hpp.
#include "gateway/person_view_secrets.hpp"

#include "core/hex.hpp"
#include "core/person_view.hpp"
#include "gateway/pbkdf2_sha256.hpp"
#include "gateway/random.hpp"

#include <openssl/crypto.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace enlace::gateway {

namespace {

constexpr int kPinIterations = 1000;

// PKCS5_PBKDF2_HMAC's bytes at about a quarter of its CPU (pbkdf2_sha256.hpp).
std::string pbkdf2(const std::string& pin, const std::string& salt, int iterations) {
  return pbkdf2_sha256(pin, salt, iterations, 32);
}

std::string new_pin() {
  // Rejection sampling: every one of the million PINs is equally likely.
  for (;;) {
    auto r = random_bytes(4);
    std::uint32_t n = 0;
    for (unsigned char c : r) n = (n << 8) | c;
    if (n >= 4'294'000'000u) continue;
    std::string pin = std::to_string(n % 1'000'000u);
    return std::string(6 - pin.size(), '0') + pin;
  }
}

std::string random_tracking_code() {
  auto r = random_bytes(5);
  std::array<unsigned char, 5> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(r[i]);
  return core::tracking_code_from(bytes);
}

}  // namespace

std::string hash_pin(const std::string& pin) {
  auto salt = random_bytes(16);
  return "pbkdf2-sha256$" + std::to_string(kPinIterations) + "$" + to_hex(salt) + "$" +
         to_hex(pbkdf2(pin, salt, kPinIterations));
}

bool pin_matches(const std::string& pin, const std::string& stored) {
  // pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>
  auto a = stored.find('$'), b = stored.find('$', a + 1), c = stored.find('$', b + 1);
  if (a == std::string::npos || b == std::string::npos || c == std::string::npos) return false;
  if (stored.substr(0, a) != "pbkdf2-sha256") return false;
  int iterations = 0;
  try {
    iterations = std::stoi(stored.substr(a + 1, b - a - 1));
  } catch (const std::exception&) {
    return false;
  }
  auto salt = core::from_hex(std::string_view(stored).substr(b + 1, c - b - 1));
  auto want = core::from_hex(std::string_view(stored).substr(c + 1));
  if (!salt || !want || iterations < 1 || iterations > 10'000'000) return false;
  auto got = pbkdf2(pin, *salt, iterations);
  return got.size() == want->size() && CRYPTO_memcmp(got.data(), want->data(), got.size()) == 0;
}

std::string respond_token_hash(const std::string& token) { return to_hex(sha256(token)); }

namespace {
std::string without_trailing_slash(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}
}  // namespace

std::string respond_url(const std::string& public_url, const std::string& token) {
  return without_trailing_slash(public_url) + "/respond/" + token;
}

std::string track_url(const std::string& public_url, const std::string& code) {
  if (public_url.empty()) return {};
  // A code is Crockford base32: nothing in it needs escaping in a query.
  return without_trailing_slash(public_url) + "/track?code=" + code;
}

DrawnTracking draw_tracking() {
  DrawnTracking d{{random_tracking_code(), new_pin()}, {}};
  d.pin_hash = hash_pin(d.tracking.pin);
  return d;
}

DrawnTracking ServerSecrets::draw_tracking() {
  // A job runs once per attempt; a tracking drawn before it serves one referral.
  if (auto drawn = std::exchange(drawn_, std::nullopt)) return std::move(*drawn);
  return gateway::draw_tracking();
}

std::string ServerSecrets::new_tracking_code() { return random_tracking_code(); }

core::DrawnRespondLink ServerSecrets::draw_respond_link() {
  auto token = new_token();
  auto hash = respond_token_hash(token);
  return {std::move(token), std::move(hash)};
}

}  // namespace enlace::gateway
