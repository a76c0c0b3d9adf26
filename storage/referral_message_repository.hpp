// Messages on a referral between its two sides. Callers first find the referral through
// ReferralRepository (which scopes by organisation and role); these statements repeat the
// organisation check in SQL so that a message never reaches a third organisation.
#pragma once

#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct MessageRecord {
  std::string id, referral_id, author_user, author_org;
  std::optional<std::string> author_display_name;
  std::string body;
  core::Timestamp created_at{};
  std::int64_t seq = 0;  // insertion order: the thread's order and the cursor
  // "sender", "receiver" (its users or, for an external organisation, its respond link) or
  // "person" (feedback through /track: no user, no organisation).
  std::string from;
  std::optional<std::string> feedback_outcome;  // person only
  std::optional<std::int64_t> feedback_rating;
};

inline constexpr std::size_t kMaxMessageChars = 5000;

class ReferralMessageRepository {
 public:
  static MessageRecord insert(WriteTxn& tx, const core::Actor& actor, const std::string& id,
                              const std::string& referral_id, const std::string& body,
                              core::Timestamp now);
  // The person's word through /track, in the thread both sides read.
  static MessageRecord insert_from_person(WriteTxn& tx, const std::string& id,
                                          const std::string& referral_id, const std::string& body,
                                          core::Timestamp now);
  // Oldest first, in the order written, after `after_seq`.
  static std::vector<MessageRecord> list(WriteTxn& tx, const core::Actor& actor,
                                         const std::string& referral_id, std::int64_t after_seq,
                                         int limit);
};

}  // namespace enlace::storage
