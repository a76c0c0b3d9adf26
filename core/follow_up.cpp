// Follow-up rules: see follow_up.hpp.
#include "core/follow_up.hpp"

namespace enlace::core {

bool notice_due(const FollowUpRules& rules, Status s, std::optional<Timestamp> respond_by,
                std::optional<Timestamp> outcome_by, std::optional<Timestamp> last_notice,
                Timestamp now) {
  auto due = due_at(s, respond_by, outcome_by);
  if (!due || !(now > *due)) return false;
  // A notice from before this deadline (the answer's, when the outcome is now late) does not
  // count for it.
  if (!last_notice || *last_notice < *due) return true;
  return now > *last_notice + rules.remind_every;
}

bool expiry_due(const FollowUpRules& rules, Status s, std::optional<Timestamp> respond_by,
                Timestamp now) {
  if (!rules.expire_after || !respond_by) return false;
  if (s != Status::requested && s != Status::received) return false;
  return now > *respond_by + *rules.expire_after;
}

}  // namespace enlace::core
