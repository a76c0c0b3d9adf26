// Follow-up rules (no referral goes quiet): when an overdue referral's notice is due again,
// and when an unanswered one is closed as no_response. The scheduled pass applies them in SQL
// (storage: referral_notice and referral_open_deadline indexes); these say the same for one
// referral, for the listing that asks the pass to run now.
#pragma once

#include "core/referral_status.hpp"
#include "core/time.hpp"

#include <chrono>
#include <optional>

namespace enlace::core {

struct FollowUpRules {
  std::chrono::minutes remind_every{24 * 60};  // overdue_reminder_hours
  // expire_unanswered_after_hours; none: never.
  std::optional<std::chrono::milliseconds> expire_after;
};

// Overdue, and either no notice went out since its current deadline passed, or the last one
// is `remind_every` old.
bool notice_due(const FollowUpRules& rules, Status s, std::optional<Timestamp> respond_by,
                std::optional<Timestamp> outcome_by, std::optional<Timestamp> last_notice,
                Timestamp now);

// Still waiting for an answer (requested, received) longer than expire_after past respond_by.
bool expiry_due(const FollowUpRules& rules, Status s, std::optional<Timestamp> respond_by,
                Timestamp now);

}  // namespace enlace::core
