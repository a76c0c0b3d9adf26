// A message in a referral's thread between its two sides (and the person's feedback), as the
// use cases and their ports speak of it. Plain data; storage reads and writes it.
#pragma once

#include "core/time.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

// The longest message body, in characters: a thread is for coordination, not for documents.
inline constexpr std::size_t kMaxMessageChars = 5000;

struct MessageRecord {
  std::string id, referral_id, author_user, author_org;
  std::optional<std::string> author_display_name;
  std::string body;
  Timestamp created_at{};
  std::int64_t seq = 0;  // insertion order: the thread's order and the cursor
  // "sender", "receiver" (its users or, for an external organisation, its respond link) or
  // "person" (feedback through /track: no user, no organisation).
  std::string from;
  std::optional<std::string> feedback_outcome;  // person only
  std::optional<std::int64_t> feedback_rating;
};

}  // namespace enlace::core
