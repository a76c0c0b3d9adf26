// The scheduled follow-up of referrals: see referral_follow_up.hpp.
#include "core/use_cases/referral_follow_up.hpp"

namespace enlace::core {

namespace {

ReferralEvent event_of(const char* type, const DueReferral& r) {
  return {type, r.id, r.from_org, r.to_org, r.status, r.version};
}

}  // namespace

Result<std::size_t> expire_unanswered_referrals(const FollowUpPorts& ports,
                                                const FollowUpRules& rules, Timestamp now,
                                                int limit) {
  if (!rules.expire_after) return std::size_t{0};
  const auto deadline_before =
      now - std::chrono::duration_cast<Timestamp::duration>(*rules.expire_after);
  auto closed = ports.store.expire_unanswered(now, deadline_before, limit);
  for (const auto& r : closed) {
    ports.audit.record(r.to_org, "referral.expire", "referral", r.id);
    // No user acted: everyone concerned is told, by mail too.
    ports.notices.referral_changed(event_of("referral.updated", r), now, {});
  }
  return closed.size();
}

Result<std::size_t> send_overdue_notices(const FollowUpPorts& ports, const FollowUpRules& rules,
                                         Timestamp now, int limit) {
  auto due = ports.store.take_overdue(now, rules.remind_every, limit);
  for (const auto& r : due)
    ports.notices.referral_changed(event_of("referral.overdue", r), now, {});
  return due.size();
}

}  // namespace enlace::core
