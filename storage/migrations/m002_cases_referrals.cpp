// Migration 2: cases, needs, household links, consents, referrals with their history and
// messages, and the durable live-event log behind Server-Sent Events.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM002CasesReferrals = R"sql(
CREATE TABLE case_file (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organization(id),   -- the owning organisation
  territory_id TEXT NOT NULL REFERENCES territory(id),
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  given_name TEXT,                     -- NULL once purged
  family_name TEXT,
  name_key TEXT NOT NULL,              -- core::duplicate_key (folded full name); '' once purged
  search_rowid INTEGER NOT NULL UNIQUE,  -- its row in case_name_search (stable across VACUUM)
  birth_date TEXT,                     -- YYYY-MM-DD, or NULL with estimated_age
  estimated_age INTEGER,
  estimated_on TEXT,                   -- the day the age was estimated (YYYY-MM-DD)
  sex TEXT NOT NULL,
  nationality TEXT NOT NULL,           -- ISO 3166-1 alpha-2
  languages TEXT NOT NULL DEFAULT '[]',            -- JSON array of ISO 639-1
  migratory_status TEXT NOT NULL DEFAULT 'unknown',
  phone TEXT,
  specific_needs TEXT NOT NULL DEFAULT '[]',       -- JSON array (sensitive: encrypted at rest)
  notes TEXT NOT NULL DEFAULT '',                  -- sensitive: encrypted at rest
  created_by TEXT NOT NULL REFERENCES app_user(id),
  closed_at INTEGER,
  close_reason TEXT,
  purged_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_org_status ON case_file(organization_id, status, id);
CREATE INDEX case_org_name ON case_file(organization_id, name_key);
CREATE INDEX case_territory ON case_file(territory_id);
CREATE INDEX case_closed ON case_file(status, closed_at);

-- Name search (`q`): name_key words, prefix-indexed. Triggers keep it in the transaction of
-- the change; a purged case (name_key '') has no row. Personal data: purge removes it.
CREATE VIRTUAL TABLE case_name_search USING fts5(
  name_key, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER case_name_search_insert AFTER INSERT ON case_file WHEN new.name_key <> '' BEGIN
  INSERT INTO case_name_search(rowid, name_key) VALUES (new.search_rowid, new.name_key);
END;
CREATE TRIGGER case_name_search_update AFTER UPDATE OF name_key ON case_file BEGIN
  DELETE FROM case_name_search WHERE rowid = old.search_rowid;
  INSERT INTO case_name_search(rowid, name_key)
    SELECT new.search_rowid, new.name_key WHERE new.name_key <> '';
END;

CREATE TABLE case_need (
  case_id TEXT NOT NULL REFERENCES case_file(id),
  category TEXT NOT NULL REFERENCES category(code),
  urgency TEXT NOT NULL CHECK (urgency IN ('emergency','high','normal')),
  note TEXT NOT NULL DEFAULT '',       -- sensitive: encrypted at rest
  created_at INTEGER NOT NULL,         -- when the need was assessed (gap report period)
  PRIMARY KEY (case_id, category)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_need_category ON case_need(category, created_at);

CREATE TABLE case_household (
  case_id TEXT NOT NULL REFERENCES case_file(id),
  other_case_id TEXT NOT NULL REFERENCES case_file(id),
  relation TEXT NOT NULL,
  PRIMARY KEY (case_id, other_case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_household_other ON case_household(other_case_id);

CREATE TABLE consent (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  method TEXT NOT NULL CHECK (method IN ('verbal','written')),
  categories TEXT NOT NULL,            -- JSON array of category codes
  organizations TEXT NOT NULL,         -- JSON array of organisation ids
  recorded_by TEXT NOT NULL REFERENCES app_user(id),
  given_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  withdrawn_by TEXT REFERENCES app_user(id),
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX consent_case ON consent(case_id);

CREATE TABLE referral (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  from_org TEXT NOT NULL REFERENCES organization(id),
  to_org TEXT NOT NULL REFERENCES organization(id),
  service_id TEXT REFERENCES service(id),
  category TEXT NOT NULL REFERENCES category(code),
  urgency TEXT NOT NULL CHECK (urgency IN ('emergency','high','normal')),
  reason TEXT NOT NULL,                -- sensitive: encrypted at rest
  status TEXT NOT NULL CHECK (status IN ('draft','requested','received','accepted','rejected',
                                         'cancelled','in-progress','on-hold','completed','failed')),
  legal_basis TEXT NOT NULL CHECK (legal_basis IN ('consent','vital_interest')),
  consent_id TEXT REFERENCES consent(id),
  justification TEXT,                  -- vital interest only
  shared_fields TEXT NOT NULL,         -- JSON array of field names chosen
  snapshot TEXT,                       -- JSON of the shared fields, frozen when sent (encrypted at rest)
  respond_by INTEGER,                  -- deadline to respond (set when requested)
  requested_at INTEGER,
  responded_at INTEGER,                -- first accepted/rejected
  closed_at INTEGER,                   -- terminal state reached
  reason_code TEXT,                    -- rejection reason code
  outcome_code TEXT,
  outcome TEXT,                        -- outcome note
  overdue_notified_at INTEGER,         -- when the overdue notice went out
  reviewed_at INTEGER,                 -- vital-interest review by the org admin
  reviewed_by TEXT REFERENCES app_user(id),
  created_by TEXT NOT NULL REFERENCES app_user(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX referral_from ON referral(from_org, status, id);
CREATE INDEX referral_to ON referral(to_org, status, id);
CREATE INDEX referral_case ON referral(case_id);
CREATE INDEX referral_category ON referral(category, requested_at);
CREATE INDEX referral_open_deadline ON referral(respond_by) WHERE status IN ('requested','received');

CREATE TABLE referral_history (
  referral_id TEXT NOT NULL REFERENCES referral(id),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  actor_user TEXT NOT NULL,
  actor_org TEXT NOT NULL,
  from_status TEXT,                    -- NULL for creation
  to_status TEXT NOT NULL,
  reason_code TEXT,
  reason TEXT,                         -- sensitive: encrypted at rest
  outcome_code TEXT,
  outcome TEXT,                        -- sensitive: encrypted at rest
  PRIMARY KEY (referral_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE referral_message (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referral(id),
  author_user TEXT NOT NULL REFERENCES app_user(id),
  author_org TEXT NOT NULL REFERENCES organization(id),
  body TEXT NOT NULL,                  -- sensitive: encrypted at rest
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX referral_message_ref ON referral_message(referral_id, created_at);

-- Live events for SSE: written in the transaction of the change, published after COMMIT,
-- replayed from Last-Event-ID. No personal data: ids and states only.
CREATE TABLE live_event (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  organizations TEXT NOT NULL,         -- space-separated organisation ids that may see it
  type TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
)sql";

}  // namespace enlace::storage::migrations
