// Which mails a referral event calls for: see mail_event.hpp.
#include "core/mail_event.hpp"

namespace enlace::core {

std::optional<MailEvent> mail_event_of(const ReferralEvent& r, const std::string& actor_user) {
  if (r.referral_id.empty()) return std::nullopt;
  MailEvent e;
  e.type = r.type;
  e.referral_id = r.referral_id;
  e.status = std::string(to_string(r.status));
  e.receiver_sees = !r.receiver.empty();
  if (e.type == "referral.updated" && e.status == "requested") e.type = "referral.created";
  e.actor_user_id = actor_user;
  return e;
}

}  // namespace enlace::core
