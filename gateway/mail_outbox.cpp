// Queuing event mails: see mail_outbox.hpp.
#include "gateway/mail_outbox.hpp"

#include "storage/mail_outbox_repository.hpp"

#include <boost/json.hpp>

#include <atomic>

namespace enlace::gateway {

namespace {
std::atomic<bool> g_enabled{false};
}

void enable_mail_outbox(bool on) { g_enabled.store(on); }
bool mail_outbox_enabled() { return g_enabled.load(); }

void queue_event_mails(storage::WriteTxn& tx, const std::string& type, const std::string& data,
                       const std::string& receiver, const std::string& actor_user_id,
                       core::Timestamp now) {
  if (!mail_outbox_enabled()) return;
  // The event's own data (written by referral_event_data), not anything from a request.
  boost::system::error_code ec;
  auto value = boost::json::parse(data, ec);
  if (ec || !value.is_object()) return;
  const auto& parsed = value.as_object();
  storage::MailEvent e;
  e.type = type;
  if (auto* id = parsed.if_contains("referral_id"); id && id->is_string())
    e.referral_id = std::string(id->as_string());
  if (auto* st = parsed.if_contains("status"); st && st->is_string())
    e.status = std::string(st->as_string());
  if (e.referral_id.empty()) return;
  e.receiver_sees = !receiver.empty();
  // A draft sent is new to the receiving organisation: its inbox hears it as created.
  if (e.type == "referral.updated" && e.status == "requested") e.type = "referral.created";
  e.actor_user_id = actor_user_id;
  storage::MailOutboxRepository::queue_for_event(tx, e, now);
}

}  // namespace enlace::gateway
