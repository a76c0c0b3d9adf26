// The referral ports on the writer: see referral_ports.hpp.
#include "gateway/referral_ports.hpp"

#include "gateway/live_events.hpp"
#include "gateway/mail_outbox.hpp"
#include "gateway/person_view_secrets.hpp"
#include "storage/sql_referral_notices.hpp"

#include <utility>

namespace enlace::gateway {

// The storage adapter does the writing; the secrets and the hub are this process's own.
core::IssuedTracking WriterReferralNotices::referral_sent(const std::string& referral_id,
                                                          core::Timestamp now) {
  // A job runs once per attempt; the drawn tracking serves one referral.
  ServerSecrets secrets(std::exchange(tracking_, std::nullopt));
  WriterEventHub hub(tx_, hub_);
  return storage::SqlReferralNotices(tx_, secrets, hub, mail_outbox_enabled())
      .referral_sent(referral_id, now);
}

std::optional<std::string> WriterReferralNotices::new_respond_link(
    const std::string& referral_id, core::Timestamp now) {
  ServerSecrets secrets;
  WriterEventHub hub(tx_, hub_);
  return storage::SqlReferralNotices(tx_, secrets, hub, mail_outbox_enabled())
      .new_respond_link(referral_id, now);
}

void WriterReferralNotices::referral_changed(const core::ReferralEvent& e, core::Timestamp now,
                                             const std::string& actor_user) {
  ServerSecrets secrets;
  WriterEventHub hub(tx_, hub_);
  storage::SqlReferralNotices(tx_, secrets, hub, mail_outbox_enabled())
      .referral_changed(e, now, actor_user);
}

}  // namespace enlace::gateway
