// The secrets of organisations without accounts and of the person's view: respond-link tokens
// (256 random bits, stored as SHA-256) and tracking PINs (stored as a salted PBKDF2 hash),
// stored inside the write that sends a referral (writer thread). A PIN's hash was about a
// sixth of the single writer's CPU in a profile of POST /referrals (PERFORMANCE.md), so a
// request that sends draws its tracking before the write (draw_tracking, on a read-pool
// thread) and the writer only inserts it.
#pragma once

#include "core/ports/referral_notices.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>

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
struct DrawnTracking {
  Tracking tracking;
  std::string pin_hash;
};
DrawnTracking draw_tracking();

// Gives a sent referral its tracking code and PIN (shown once, to the sender): `drawn`, or
// one drawn here. A code already taken is drawn again (the PIN and its hash stay).
Tracking issue_tracking(storage::WriteTxn& tx, const std::string& referral_id,
                        std::optional<DrawnTracking> drawn = std::nullopt);

// When the referral's receiver is an external organisation: a new respond link replaces its
// old ones, and with `mail` and an address on file it is mailed there through the outbox.
// Returns the token, or nullopt when the receiver has accounts.
std::optional<std::string> issue_respond_link(storage::WriteTxn& tx,
                                              const std::string& referral_id, bool mail,
                                              core::Timestamp now);

// Both, for a referral that was just sent (created as requested, or a draft sent).
Tracking on_referral_sent(storage::WriteTxn& tx, const std::string& referral_id,
                          core::Timestamp now, std::optional<DrawnTracking> drawn = std::nullopt);

}  // namespace enlace::gateway
