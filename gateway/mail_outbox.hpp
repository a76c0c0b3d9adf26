// The e-mail side of live events: every referral event is recorded through the referral
// notices (storage/sql_referral_notices.hpp), inside the write that causes it, and that one
// place also queues its mails in the same transaction (core/mail_event.hpp says which). A
// rolled-back change queues nothing; a committed one cannot lose its mails. Whoever records a
// new event (overdue notices, expiry) gets its mails without a second hook.
#pragma once

namespace enlace::gateway {

// Set once at start-up, before any write: with no smtp_url nothing is queued (a deployment
// without e-mail does not pile up mails it will never send, nor flood its users with old news
// on the day e-mail is set up).
void enable_mail_outbox(bool on);
bool mail_outbox_enabled();

}  // namespace enlace::gateway
