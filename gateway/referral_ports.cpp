// The referral ports on the writer: see referral_ports.hpp.
#include "gateway/referral_ports.hpp"

#include "gateway/live_events.hpp"
#include "gateway/person_view_secrets.hpp"

#include <utility>

namespace enlace::gateway {

core::IssuedTracking WriterReferralNotices::referral_sent(const std::string& referral_id,
                                                          core::Timestamp now) {
  // A job runs once per attempt; the drawn tracking serves one referral.
  auto drawn = std::exchange(tracking_, std::nullopt);
  return on_referral_sent(tx_, referral_id, now, std::move(drawn));
}

std::optional<std::string> WriterReferralNotices::new_respond_link(
    const std::string& referral_id, core::Timestamp now) {
  return issue_respond_link(tx_, referral_id, false, now);
}

void WriterReferralNotices::referral_changed(const core::ReferralEvent& e, core::Timestamp now,
                                             const std::string& actor_user) {
  record_live_event(tx_, hub_, e, now, actor_user);
}

}  // namespace enlace::gateway
