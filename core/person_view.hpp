// The person's own view of a referral (/track) and the respond links of organisations without
// accounts: the formats of tracking codes and PINs, the PIN lock-out, the feedback codes and
// when a respond link dies. Pure rules; randomness and hashing are the gateway's.
#pragma once

#include "core/code_table.hpp"
#include "core/time.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

// Five wrong PINs for one code lock it for an hour (API.md).
inline constexpr int kPinFailuresBeforeLock = 5;
inline constexpr std::chrono::minutes kPinLockFor{60};
// A respond link outlives its referral's end by 30 days (late messages, a forgotten outcome).
inline constexpr std::chrono::hours kRespondLinkAfterClose{24 * 30};

// 8 characters of Crockford base32 (0-9, A-Z without I, L, O, U) from 40 random bits.
std::string tracking_code_from(const std::array<unsigned char, 5>& random);
// A code as a person types it: case-insensitive, I and L read as 1, O as 0, hyphens and
// spaces ignored. nullopt when it is not 8 Crockford characters.
std::optional<std::string> normalize_tracking_code(std::string_view typed);
// Six digits, leading zeros kept.
bool is_pin(std::string_view s);

// The state of a code after a wrong PIN: the fifth failure locks it until now + an hour and
// starts the count again.
struct PinLock {
  int failures = 0;
  std::optional<Timestamp> locked_until;
};
PinLock after_wrong_pin(int failures_before, Timestamp now);
// Seconds until a locked code opens (at least 1), or 0 when it is open.
std::int64_t pin_lock_seconds_left(std::optional<Timestamp> locked_until, Timestamp now);

enum class FeedbackOutcome { got_service, turned_away, could_not_reach, other };
inline constexpr CodeName<FeedbackOutcome> kFeedbackOutcomeNames[] = {
    {FeedbackOutcome::got_service, "got_service"},
    {FeedbackOutcome::turned_away, "turned_away"},
    {FeedbackOutcome::could_not_reach, "could_not_reach"},
    {FeedbackOutcome::other, "other"}};
inline constexpr std::array<std::string_view, 4> kFeedbackOutcomes = {
    "got_service", "turned_away", "could_not_reach", "other"};
std::string_view to_string(FeedbackOutcome v);
std::optional<FeedbackOutcome> parse_feedback_outcome(std::string_view s);

// When a respond link dies on its own: 30 days after the referral closed; nullopt while open.
std::optional<Timestamp> respond_link_expiry(std::optional<Timestamp> referral_closed_at);

}  // namespace enlace::core
