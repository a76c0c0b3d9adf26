// Migration 19: organisations without accounts and the person's own view (issue #17).
// Respond links and tracking PINs are stored only as hashes; the mail outbox and the thread
// learn authors that are not users (the external organisation, the person).
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM019ExternalOrganizations = R"sql(
-- An organisation that has no Enlace users: it answers through respond links.
ALTER TABLE organization ADD COLUMN external INTEGER NOT NULL DEFAULT 0;

-- A transition recorded by the sender for an external receiver ("they accepted by phone").
ALTER TABLE referral_history ADD COLUMN on_behalf INTEGER NOT NULL DEFAULT 0;

-- Respond links: the SHA-256 of a random 256-bit token, never the token. A link opens one
-- referral; it ends when a newer link is made (ended_at) or 30 days after the referral closed.
CREATE TABLE respond_link (
  token_hash TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referral(id),
  organization_id TEXT NOT NULL REFERENCES organization(id),
  created_at INTEGER NOT NULL,
  ended_at INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX respond_link_referral ON respond_link(referral_id);

-- The person's tracking code and a salted, slow hash of the PIN; failures lock the code.
CREATE TABLE referral_tracking (
  referral_id TEXT PRIMARY KEY REFERENCES referral(id),
  code TEXT NOT NULL UNIQUE,
  pin_hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
) STRICT, WITHOUT ROWID;

-- Messages may come from the external organisation (no user) or the person (no user, no
-- organisation). Rebuilt with the same rowids: the rowid is the thread's order and cursor.
CREATE TABLE referral_message_v19 (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referral(id),
  author_user TEXT REFERENCES app_user(id),
  author_org TEXT REFERENCES organization(id),
  author_kind TEXT NOT NULL DEFAULT 'user' CHECK (author_kind IN ('user','external','person')),
  body TEXT NOT NULL,                  -- sensitive: encrypted at rest
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO referral_message_v19 (rowid, id, referral_id, author_user, author_org, body, created_at)
  SELECT rowid, id, referral_id, author_user, author_org, body, created_at FROM referral_message;
DROP TABLE referral_message;
ALTER TABLE referral_message_v19 RENAME TO referral_message;
CREATE INDEX referral_message_ref ON referral_message(referral_id, created_at);

-- What the person said through /track: counted per category in the gap report; its comment
-- is the body of its message in the referral's thread.
CREATE TABLE person_feedback (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referral(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('got_service','turned_away','could_not_reach','other')),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  message_id TEXT NOT NULL REFERENCES referral_message(id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX person_feedback_referral ON person_feedback(referral_id);
CREATE INDEX person_feedback_message ON person_feedback(message_id);

-- Mails to an external organisation's address (no user). link_token holds a respond link's
-- token only until the mail is sent or given up (the link table keeps only its hash).
CREATE TABLE mail_outbox_v19 (
  id INTEGER PRIMARY KEY,
  user_id TEXT REFERENCES app_user(id),
  organization_id TEXT REFERENCES organization(id),
  event TEXT NOT NULL,
  referral_id TEXT,
  status TEXT,
  detail TEXT,
  link_token TEXT,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  first_failed_at INTEGER,
  sent_at INTEGER,
  CHECK (user_id IS NOT NULL OR organization_id IS NOT NULL)
) STRICT;
INSERT INTO mail_outbox_v19 (id, user_id, event, referral_id, status, detail, state, attempts,
                             last_error, created_at, next_attempt_at, first_failed_at, sent_at)
  SELECT id, user_id, event, referral_id, status, detail, state, attempts, last_error,
         created_at, next_attempt_at, first_failed_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_v19 RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 'queued';
)sql";

}  // namespace enlace::storage::migrations
