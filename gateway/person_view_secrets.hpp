// The secrets of organisations without accounts and of the person's view: respond-link tokens
// (256 random bits, stored as SHA-256) and tracking PINs (stored as a salted PBKDF2 hash),
// stored by the referral notices (storage/sql_referral_notices.hpp) inside the write that
// sends a referral (writer thread). A PIN's hash was about a sixth of the single writer's CPU
// in a profile of POST /referrals (PERFORMANCE.md), so a request that sends draws its tracking
// before the write (draw_tracking, on a read-pool thread) and the writer only inserts it.
#pragma once

#include "core/ports/notice_secrets.hpp"

#include <optional>
#include <string>
#include <utility>

namespace enlace::gateway {

// PBKDF2-HMAC-SHA256 of a PIN with a random salt: "pbkdf2-sha256$<iterations>$<salt>$<hash>".
// Few iterations on purpose: a million PINs fall to any hash offline, so the hash only keeps
// PINs from being read off the database; the lock-out protects them online (SECURITY.md).
std::string hash_pin(const std::string& pin);
bool pin_matches(const std::string& pin, const std::string& stored);

// The hex SHA-256 a respond link is stored and looked up by.
std::string respond_token_hash(const std::string& token);
// public_url + "/respond/" + token.
std::string respond_url(const std::string& public_url, const std::string& token);
// public_url + "/track?code=" + code: the person's page the slip's QR code opens (the PIN is
// never in it). Empty when no public_url is configured.
std::string track_url(const std::string& public_url, const std::string& code);

using Tracking = core::IssuedTracking;  // core/ports/referral_notices.hpp

// A tracking code and PIN with the PIN's hash, drawn before the write that stores them.
using DrawnTracking = core::DrawnTracking;  // core/ports/notice_secrets.hpp
DrawnTracking draw_tracking();

// The secrets the referral notices store (storage/sql_referral_notices.hpp), from the server's
// random source: `drawn`, when a tracking was drawn before the write (for one referral), else
// one drawn when asked; respond-link tokens of 256 random bits with their SHA-256.
class ServerSecrets final : public core::NoticeSecrets {
 public:
  explicit ServerSecrets(std::optional<DrawnTracking> drawn = std::nullopt)
      : drawn_(std::move(drawn)) {}
  DrawnTracking draw_tracking() override;
  std::string new_tracking_code() override;
  core::DrawnRespondLink draw_respond_link() override;

 private:
  std::optional<DrawnTracking> drawn_;
};

}  // namespace enlace::gateway
