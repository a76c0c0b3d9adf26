// Messages on a referral between its two sides. Callers first find the referral through
// ReferralRepository (which scopes by organisation and role); these statements repeat the
// organisation check in SQL so that a message never reaches a third organisation.
#pragma once

#include "core/referral_message.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

using core::MessageRecord;  // core/referral_message.hpp

using core::kMaxMessageChars;  // core/referral_message.hpp

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
