// Queuing event mails: see mail_outbox.hpp.
#include "gateway/mail_outbox.hpp"

#include "storage/mail_outbox_repository.hpp"

#include <atomic>

namespace enlace::gateway {

namespace {
std::atomic<bool> g_enabled{false};
}

void enable_mail_outbox(bool on) { g_enabled.store(on); }
bool mail_outbox_enabled() { return g_enabled.load(); }

void queue_event_mails(storage::WriteTxn& tx, const core::ReferralEvent& r,
                       const std::string& actor_user_id, core::Timestamp now) {
  if (!mail_outbox_enabled()) return;
  if (r.referral_id.empty()) return;
  storage::MailEvent e;
  e.type = r.type;
  e.referral_id = r.referral_id;
  e.status = std::string(core::to_string(r.status));
  e.receiver_sees = !r.receiver.empty();
  // A draft sent is new to the receiving organisation: its inbox hears it as created.
  if (e.type == "referral.updated" && e.status == "requested") e.type = "referral.created";
  e.actor_user_id = actor_user_id;
  storage::MailOutboxRepository::queue_for_event(tx, e, now);
}

}  // namespace enlace::gateway
