// Migration 1: the directory (territories, organisations, users, sessions, categories,
// services, settings) and the hash-chained audit log.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM001Directory = R"sql(
CREATE TABLE territory (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('country','province','municipality','district')),
  parent_id TEXT REFERENCES territory(id),
  code TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX territory_parent ON territory(parent_id);

CREATE TABLE organization (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  territory_id TEXT NOT NULL REFERENCES territory(id),
  parent_id TEXT REFERENCES organization(id),
  email TEXT,
  phone TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX organization_territory ON organization(territory_id);

CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  organization_id TEXT REFERENCES organization(id),
  roles TEXT NOT NULL,                 -- space-separated role names
  password_hash TEXT NOT NULL,         -- Argon2id PHC string
  must_change_password INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  totp_secret TEXT,                    -- set while enrolling or enrolled
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX app_user_org ON app_user(organization_id);

CREATE TABLE recovery_code (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
) STRICT;

CREATE TABLE session (
  id TEXT PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,     -- SHA-256 of the bearer token; the token is never stored
  user_id TEXT NOT NULL REFERENCES app_user(id),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,         -- absolute lifetime
  address TEXT,
  user_agent TEXT,
  ended_at INTEGER
) STRICT;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE category (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE service (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organization(id),
  category TEXT NOT NULL REFERENCES category(code),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,              -- folded name and description for `q`
  description TEXT,
  eligibility TEXT,
  min_age INTEGER,
  max_age INTEGER,
  languages TEXT NOT NULL,             -- JSON array of ISO 639-1 codes
  hours TEXT,
  required_documents TEXT NOT NULL,    -- JSON array of strings
  fees TEXT,
  how_to_apply TEXT,
  status TEXT NOT NULL CHECK (status IN ('active','temporarily_closed','inactive')),
  capacity INTEGER,
  capacity_updated_at INTEGER,
  accepting INTEGER NOT NULL,
  expected_wait_days INTEGER,
  last_verified_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX service_category ON service(category, accepting);
CREATE INDEX service_org ON service(organization_id);

CREATE TABLE service_territory (
  service_id TEXT NOT NULL REFERENCES service(id),
  territory_id TEXT NOT NULL REFERENCES territory(id),
  PRIMARY KEY (service_id, territory_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX service_territory_t ON service_territory(territory_id, service_id);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,                 -- JSON
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_event (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_user TEXT,
  organization TEXT,
  role TEXT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT,
  outcome TEXT NOT NULL,
  address TEXT,
  request_id TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_actor ON audit_event(actor_user, seq);
CREATE INDEX audit_org ON audit_event(organization, seq);
CREATE INDEX audit_entity ON audit_event(entity_type, entity_id, seq);
CREATE INDEX audit_at ON audit_event(at);

INSERT INTO category (code, name, created_at) VALUES
  ('shelter', 'Shelter', 0),
  ('documentation', 'Documentation', 0),
  ('employment', 'Employment', 0),
  ('health', 'Health', 0),
  ('mental_health', 'Mental health', 0),
  ('food', 'Food and basic needs', 0),
  ('legal_aid', 'Legal aid', 0),
  ('education', 'Education', 0),
  ('language', 'Language', 0),
  ('financial_services', 'Financial services', 0),
  ('protection', 'Protection', 0),
  ('housing', 'Housing', 0);
)sql";

}  // namespace enlace::storage::migrations
