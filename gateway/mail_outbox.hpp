// The e-mail side of live events: every referral event is recorded through record_live_event,
// inside the write that causes it, and that one place also queues its mails in the same
// transaction (storage/mail_outbox_repository.hpp). A rolled-back change queues nothing; a
// committed one cannot lose its mails. Whoever records a new event (overdue notices, expiry)
// gets its mails without a second hook.
#pragma once

#include "core/ports/referral_notices.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <string>

namespace enlace::gateway {

// Set once at start-up, before any write: with no smtp_url nothing is queued (a deployment
// without e-mail does not pile up mails it will never send, nor flood its users with old news
// on the day e-mail is set up).
void enable_mail_outbox(bool on);
bool mail_outbox_enabled();

// Writer thread, inside the write of the event; `e.receiver` empty: a draft only the sender
// sees.
void queue_event_mails(storage::WriteTxn& tx, const core::ReferralEvent& e,
                       const std::string& actor_user_id, core::Timestamp now);

}  // namespace enlace::gateway
