// The referral ports on the writer: see referral_ports.hpp.
#include "gateway/referral_ports.hpp"

#include "gateway/mail_outbox.hpp"

namespace enlace::gateway {

// The unit's adapter does the writing; the secrets and the hub are this process's own.
core::ReferralNotices& WriterReferralNotices::notices() {
  if (!notices_) notices_ = &unit_.referral_notices(secrets_, events_, mail_outbox_enabled());
  return *notices_;
}

core::IssuedTracking WriterReferralNotices::referral_sent(const std::string& referral_id,
                                                          core::Timestamp now) {
  return notices().referral_sent(referral_id, now);
}

std::optional<std::string> WriterReferralNotices::new_respond_link(
    const std::string& referral_id, core::Timestamp now) {
  return notices().new_respond_link(referral_id, now);
}

void WriterReferralNotices::referral_changed(const core::ReferralEvent& e, core::Timestamp now,
                                             const std::string& actor_user) {
  notices().referral_changed(e, now, actor_user);
}

}  // namespace enlace::gateway
