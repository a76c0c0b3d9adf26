// When an outgoing delivery (an e-mail, a webhook call) that failed is tried again. One schedule
// for every channel, so that operators learn one rule: the first retries come within 30 s, the
// wait then doubles up to an hour, and a delivery is given up only after 72 h of failures
// (API.md asks for at least 48 h; webhooks are disabled after 3 days).
#pragma once

#include <chrono>
#include <optional>

#include "core/time.hpp"

namespace enlace::core {

inline constexpr std::chrono::seconds kFirstRetryDelay{10};
inline constexpr std::chrono::seconds kLongestRetryDelay{3600};
inline constexpr std::chrono::hours kGiveUpAfter{72};

// `failed_attempts` >= 1 is how many tries have failed so far, `first_failed_at` the first
// failure. Returns when to try next, or nothing when the delivery is to be given up. The wait is
// 10 s, 20 s, 40 s, ... capped at an hour; `jitter` in [0, 1) adds up to a fifth of the wait so
// that many deliveries failing together do not retry in lockstep.
std::optional<Timestamp> next_delivery_attempt(int failed_attempts, Timestamp first_failed_at,
                                               Timestamp failed_at, double jitter = 0.0);

}  // namespace enlace::core
