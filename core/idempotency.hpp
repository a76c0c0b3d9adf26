// Rules of idempotent writes (API.md, "Offline sync: idempotent writes"): what a key may be,
// how long it holds, and which answers are kept for a repeat. Pure; the gateway applies them.
#pragma once

#include "core/time.hpp"

#include <chrono>
#include <string_view>

namespace enlace::core {

inline constexpr std::size_t kIdempotencyKeyMaxChars = 255;
// A repeat within this window of the first request gets the first answer again.
inline constexpr std::chrono::hours kIdempotencyWindow{24};

// 1 to 255 printable ASCII characters (0x20-0x7E).
bool valid_idempotency_key(std::string_view key);

// 409 (a conflict, including a repeat still running), 429 and 5xx are not kept: the client
// may try again with the same key. Every other answer is.
bool idempotent_reply_kept(int status);

// Keys made before this instant have expired.
inline Timestamp idempotency_oldest_kept(Timestamp now) { return now - kIdempotencyWindow; }

}  // namespace enlace::core
