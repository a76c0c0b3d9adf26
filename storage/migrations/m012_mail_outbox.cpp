// Migration 12: e-mail notifications: each user's address, language and choices, and the
// transactional outbox the sender thread drains.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

// app_user.email / language: where and in which UI language a user is mailed; a NULL language
// reads as the deployment's default_language.
// notification_pref: only the choices a user made; a missing row is the role's default
// (core/notification_prefs.hpp).
// mail_outbox: one row per mail, written in the transaction of the change it reports. It holds
// ids, codes and the state the referral reached, never a body: the text is made when sent, from
// codes only, so no personal data is ever stored for mail. `detail` is a digest's counts.
// mail_digest_item: events a user chose to hear about once a day, until the day's digest mail
// takes them.
extern const char* const kM012MailOutbox = R"sql(
ALTER TABLE app_user ADD COLUMN email TEXT;
ALTER TABLE app_user ADD COLUMN language TEXT;
CREATE TABLE notification_pref (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  event TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('immediate','daily','off')),
  PRIMARY KEY (user_id, event)
) STRICT, WITHOUT ROWID;
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  event TEXT NOT NULL,
  referral_id TEXT,
  status TEXT,
  detail TEXT,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  first_failed_at INTEGER,
  sent_at INTEGER
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 'queued';
CREATE TABLE mail_digest_item (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  event TEXT NOT NULL,
  referral_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX mail_digest_item_at ON mail_digest_item(at);
)sql";

}  // namespace enlace::storage::migrations
