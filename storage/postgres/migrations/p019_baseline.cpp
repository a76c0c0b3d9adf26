// PostgreSQL's baseline: the schema SQLite has after migrations 1 to 19 (storage/migrations/),
// in PostgreSQL's types, with the same table, column, index and view names and the same value
// encodings (instants in milliseconds as bigint, flags as 0/1, JSON as text), so that a
// repository's SQL differs between the backends only where the dialects do. What differs:
// - case search: instead of SQLite's FTS5 table case_name_search and its triggers, a trigram
//   index over the unaccented name key (extensions unaccent and pg_trgm; case_name_trgm);
// - username: SQLite's COLLATE NOCASE is the case-insensitive collation enlace_nocase;
// - referral.due_at and notice_at are STORED generated columns (PostgreSQL 15 has no VIRTUAL);
// - rowid keys that SQLite assigns (live_event, mail_outbox, mail_digest_item) are identities;
// - the schema version is the row of enlace_schema (SQLite: PRAGMA user_version).
// The extensions are created before this runs (pg_migrations.cpp).
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP019Baseline = R"sql(
CREATE COLLATION enlace_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- unaccent() is STABLE (its dictionary could change); an index needs an IMMUTABLE function.
-- Qualified: an index expression is also evaluated where search_path is empty (pg_restore).
CREATE FUNCTION enlace_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Named for Enlace: a table called schema_version is common in other applications' databases.
CREATE TABLE enlace_schema (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL
);

CREATE TABLE territory (
  id text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('country','province','municipality','district')),
  parent_id text REFERENCES territory(id),
  code text,
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  time_zone text
);
CREATE INDEX territory_parent ON territory(parent_id);

CREATE TABLE organization (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  territory_id text NOT NULL REFERENCES territory(id),
  parent_id text REFERENCES organization(id),
  email text,
  phone text,
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  shares_cases_with_parent bigint NOT NULL DEFAULT 0 CHECK (shares_cases_with_parent IN (0, 1)),
  external bigint NOT NULL DEFAULT 0
);
CREATE INDEX organization_territory ON organization(territory_id);
CREATE INDEX organization_parent ON organization(parent_id);
CREATE INDEX organization_updated ON organization(updated_at, id);
CREATE INDEX organization_sharing_units ON organization(parent_id) WHERE shares_cases_with_parent = 1;

CREATE TABLE app_user (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE COLLATE enlace_nocase,
  display_name text NOT NULL,
  organization_id text REFERENCES organization(id),
  roles text NOT NULL,                 -- space-separated role names
  password_hash text NOT NULL,         -- Argon2id PHC string
  must_change_password bigint NOT NULL DEFAULT 0,
  active bigint NOT NULL DEFAULT 1,
  totp_secret text,
  totp_enabled bigint NOT NULL DEFAULT 0,
  totp_last_step bigint NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  password_expires_at bigint,
  email text,
  language text
);
CREATE INDEX app_user_org ON app_user(organization_id);

CREATE TABLE recovery_code (
  user_id text NOT NULL REFERENCES app_user(id),
  code_hash text NOT NULL,
  used_at bigint,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE session (
  id text PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,    -- SHA-256 of the bearer token; the token is never stored
  user_id text NOT NULL REFERENCES app_user(id),
  created_at bigint NOT NULL,
  last_used_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  address text,
  user_agent text,
  ended_at bigint
);
CREATE INDEX "session_user" ON session(user_id);  -- quoted: session_user is a reserved word

CREATE TABLE category (
  code text PRIMARY KEY,
  name text NOT NULL,
  created_at bigint NOT NULL
);
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

CREATE TABLE service (
  id text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organization(id),
  category text NOT NULL REFERENCES category(code),
  name text NOT NULL,
  name_key text NOT NULL,              -- folded name and description for `q`
  description text,
  eligibility text,
  min_age bigint,
  max_age bigint,
  languages text NOT NULL,             -- JSON array of ISO 639-1 codes
  hours text,
  required_documents text NOT NULL,    -- JSON array of strings
  fees text,
  how_to_apply text,
  status text NOT NULL CHECK (status IN ('active','temporarily_closed','inactive')),
  capacity bigint,
  capacity_updated_at bigint,
  accepting bigint NOT NULL,
  expected_wait_days bigint,
  last_verified_at bigint,
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  address text,
  phone text,
  latitude double precision,
  longitude double precision,
  schedule text NOT NULL DEFAULT ''
);
CREATE INDEX service_category ON service(category, accepting);
CREATE INDEX service_org ON service(organization_id);
CREATE INDEX service_updated ON service(updated_at, id);

CREATE TABLE service_territory (
  service_id text NOT NULL REFERENCES service(id),
  territory_id text NOT NULL REFERENCES territory(id),
  PRIMARY KEY (service_id, territory_id)
);
CREATE INDEX service_territory_t ON service_territory(territory_id, service_id);

CREATE TABLE setting (
  key text PRIMARY KEY,
  value text NOT NULL,                 -- JSON
  version bigint NOT NULL DEFAULT 1,
  updated_at bigint NOT NULL
);
INSERT INTO setting (key, value, version, updated_at) VALUES
  ('response_standards', '{"hours":{"emergency":4,"high":24,"normal":72},"by_category":{}}', 1, 0);

CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,              -- assigned by the appender: head + 1
  at bigint NOT NULL,
  actor_user text,
  organization text,
  role text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  outcome text NOT NULL,
  address text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_actor ON audit_event(actor_user, seq);
CREATE INDEX audit_org ON audit_event(organization, seq);
CREATE INDEX audit_entity ON audit_event(entity_type, entity_id, seq);
CREATE INDEX audit_at ON audit_event(at);

CREATE TABLE audit_record (
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (entity_type, entity_id, seq)
);

CREATE TABLE case_file (
  id text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organization(id),
  territory_id text NOT NULL REFERENCES territory(id),
  status text NOT NULL CHECK (status IN ('open','closed')),
  given_name text,                     -- NULL once purged
  family_name text,
  name_key text NOT NULL,              -- core::duplicate_key (folded full name); '' once purged
  search_rowid bigint NOT NULL UNIQUE, -- kept for the same repository SQL on both backends
  birth_date text,                     -- YYYY-MM-DD, or NULL with estimated_age
  estimated_age bigint,
  estimated_on text,
  sex text NOT NULL,
  nationality text NOT NULL,
  languages text NOT NULL DEFAULT '[]',
  migratory_status text NOT NULL DEFAULT 'unknown',
  phone text,
  specific_needs text NOT NULL DEFAULT '[]',       -- sensitive: encrypted at rest
  notes text NOT NULL DEFAULT '',                  -- sensitive: encrypted at rest
  created_by text NOT NULL REFERENCES app_user(id),
  closed_at bigint,
  close_reason text,
  purged_at bigint,
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  birth_year bigint
);
CREATE INDEX case_org_status ON case_file(organization_id, status, id);
CREATE INDEX case_org_name ON case_file(organization_id, name_key);
CREATE INDEX case_territory ON case_file(territory_id);
CREATE INDEX case_closed ON case_file(status, closed_at);
CREATE INDEX case_gap ON case_file(id, territory_id, organization_id, sex, nationality,
                                   birth_date, birth_year, estimated_age, estimated_on);
-- Accent- and case-insensitive name search (SQLite: the FTS5 table case_name_search). Names
-- under a blind index (blind1:) are not searchable by text, as on SQLite.
CREATE INDEX case_name_trgm ON case_file USING gin (enlace_unaccent(name_key) gin_trgm_ops)
  WHERE name_key <> '' AND name_key NOT LIKE 'blind1:%';

CREATE TABLE case_name_token (
  token bigint NOT NULL,
  case_id text NOT NULL REFERENCES case_file(id),
  PRIMARY KEY (token, case_id)
);
CREATE INDEX case_name_token_case ON case_name_token(case_id);

CREATE TABLE case_need (
  case_id text NOT NULL REFERENCES case_file(id),
  category text NOT NULL REFERENCES category(code),
  urgency text NOT NULL CHECK (urgency IN ('emergency','high','normal')),
  note text NOT NULL DEFAULT '',       -- sensitive: encrypted at rest
  created_at bigint NOT NULL,
  id text,                             -- migration 16: a stable id, and a status
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','met','withdrawn')),
  PRIMARY KEY (case_id, category)
);
CREATE INDEX case_need_category ON case_need(category, created_at);
CREATE UNIQUE INDEX case_need_id ON case_need(id);
CREATE INDEX case_need_period ON case_need(created_at, status);

CREATE TABLE case_household (
  case_id text NOT NULL REFERENCES case_file(id),
  other_case_id text NOT NULL REFERENCES case_file(id),
  relation text NOT NULL,
  PRIMARY KEY (case_id, other_case_id)
);
CREATE INDEX case_household_other ON case_household(other_case_id);

CREATE TABLE consent (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES case_file(id),
  method text NOT NULL CHECK (method IN ('verbal','written')),
  categories text NOT NULL,            -- JSON array of category codes
  organizations text NOT NULL,         -- JSON array of organisation ids
  recorded_by text NOT NULL REFERENCES app_user(id),
  given_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  withdrawn_at bigint,
  withdrawn_by text REFERENCES app_user(id),
  version bigint NOT NULL DEFAULT 1
);
CREATE INDEX consent_case ON consent(case_id);

CREATE TABLE referral (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES case_file(id),
  from_org text NOT NULL REFERENCES organization(id),
  to_org text NOT NULL REFERENCES organization(id),
  service_id text REFERENCES service(id),
  category text NOT NULL REFERENCES category(code),
  urgency text NOT NULL CHECK (urgency IN ('emergency','high','normal')),
  reason text NOT NULL,                -- sensitive: encrypted at rest
  status text NOT NULL CHECK (status IN ('draft','requested','received','accepted','rejected',
                                         'cancelled','in-progress','on-hold','completed','failed')),
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent','vital_interest')),
  consent_id text REFERENCES consent(id),
  justification text,
  shared_fields text NOT NULL,
  snapshot text,
  respond_by bigint,
  requested_at bigint,
  responded_at bigint,
  closed_at bigint,
  reason_code text,
  outcome_code text,
  outcome text,
  overdue_notified_at bigint,
  reviewed_at bigint,
  reviewed_by text REFERENCES app_user(id),
  created_by text NOT NULL REFERENCES app_user(id),
  version bigint NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  shared_needs text,
  shared_specific_needs text,
  outcome_by bigint,
  overdue_remind_at bigint,
  due_at bigint GENERATED ALWAYS AS (
    CASE WHEN status IN ('requested','received') THEN respond_by
         WHEN status IN ('accepted','in-progress','on-hold') THEN outcome_by END) STORED,
  -- A generated column cannot read another one: due_at's expression is repeated here.
  notice_at bigint GENERATED ALWAYS AS (
    CASE WHEN (CASE WHEN status IN ('requested','received') THEN respond_by
                    WHEN status IN ('accepted','in-progress','on-hold') THEN outcome_by END) IS NULL
           THEN NULL
         WHEN overdue_notified_at IS NULL OR overdue_notified_at <
              (CASE WHEN status IN ('requested','received') THEN respond_by
                    WHEN status IN ('accepted','in-progress','on-hold') THEN outcome_by END)
           THEN (CASE WHEN status IN ('requested','received') THEN respond_by
                      WHEN status IN ('accepted','in-progress','on-hold') THEN outcome_by END)
         ELSE overdue_remind_at END) STORED
);
CREATE INDEX referral_case ON referral(case_id);
CREATE INDEX referral_category ON referral(category, requested_at);
CREATE INDEX referral_open_deadline ON referral(respond_by) WHERE status IN ('requested','received');
CREATE INDEX referral_gap ON referral(COALESCE(requested_at, created_at), category, status,
                                      case_id, reason_code, respond_by, requested_at,
                                      responded_at, created_at, from_org, to_org);
CREATE INDEX referral_need_open ON referral(case_id, category, status)
  WHERE status NOT IN ('draft', 'rejected', 'cancelled', 'failed');
CREATE INDEX referral_from_status ON referral(from_org, status);
CREATE INDEX referral_to_status ON referral(to_org, status);
CREATE INDEX referral_from_seq ON referral(from_org);
CREATE INDEX referral_to_seq ON referral(to_org) WHERE status <> 'draft';
CREATE INDEX referral_review ON referral(from_org)
  WHERE legal_basis = 'vital_interest' AND reviewed_at IS NULL;
CREATE INDEX referral_from_due ON referral(from_org, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX referral_to_due ON referral(to_org, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX referral_due ON referral(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX referral_notice ON referral(notice_at) WHERE notice_at IS NOT NULL;

CREATE TABLE referral_history (
  referral_id text NOT NULL REFERENCES referral(id),
  seq bigint NOT NULL,
  at bigint NOT NULL,
  actor_user text NOT NULL,
  actor_org text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason_code text,
  reason text,                         -- sensitive: encrypted at rest
  outcome_code text,
  outcome text,                        -- sensitive: encrypted at rest
  on_behalf bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (referral_id, seq)
);

CREATE TABLE referral_message (
  id text PRIMARY KEY,
  referral_id text NOT NULL REFERENCES referral(id),
  author_user text REFERENCES app_user(id),
  author_org text REFERENCES organization(id),
  author_kind text NOT NULL DEFAULT 'user' CHECK (author_kind IN ('user','external','person')),
  body text NOT NULL,                  -- sensitive: encrypted at rest
  created_at bigint NOT NULL
);
CREATE INDEX referral_message_ref ON referral_message(referral_id, created_at);

CREATE TABLE person_feedback (
  id text PRIMARY KEY,
  referral_id text NOT NULL REFERENCES referral(id),
  outcome text NOT NULL CHECK (outcome IN ('got_service','turned_away','could_not_reach','other')),
  rating bigint CHECK (rating BETWEEN 1 AND 5),
  message_id text NOT NULL REFERENCES referral_message(id),
  created_at bigint NOT NULL
);
CREATE INDEX person_feedback_referral ON person_feedback(referral_id);
CREATE INDEX person_feedback_message ON person_feedback(message_id);

CREATE TABLE live_event (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at bigint NOT NULL,
  organizations text NOT NULL,         -- space-separated organisation ids that may see it
  type text NOT NULL,
  data text NOT NULL
);

CREATE TABLE idempotency_key (
  user_id text NOT NULL,
  endpoint text NOT NULL,
  idem_key text NOT NULL,
  body_hash text NOT NULL,
  status bigint NOT NULL,
  reply text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (user_id, endpoint, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key(created_at);

CREATE TABLE notification_pref (
  user_id text NOT NULL REFERENCES app_user(id),
  event text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('immediate','daily','off')),
  PRIMARY KEY (user_id, event)
);

CREATE TABLE mail_digest_item (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES app_user(id),
  event text NOT NULL,
  referral_id text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX mail_digest_item_at ON mail_digest_item(at);

CREATE TABLE mail_outbox (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id text REFERENCES app_user(id),
  organization_id text REFERENCES organization(id),
  event text NOT NULL,
  referral_id text,
  status text,
  detail text,
  link_token text,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),
  attempts bigint NOT NULL DEFAULT 0,
  last_error text,
  created_at bigint NOT NULL,
  next_attempt_at bigint NOT NULL,
  first_failed_at bigint,
  sent_at bigint,
  CHECK (user_id IS NOT NULL OR organization_id IS NOT NULL)
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 'queued';

CREATE TABLE webhook (
  id text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organization(id),
  url text NOT NULL,
  events text NOT NULL,
  secret text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  failing_since bigint,
  disabled_at bigint
);
CREATE INDEX webhook_org ON webhook(organization_id, id);

CREATE TABLE webhook_delivery (
  id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
  event_id bigint NOT NULL,
  type text NOT NULL,
  body text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts bigint NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  first_failed_at bigint,
  last_status bigint,
  last_error text,
  created_at bigint NOT NULL,
  last_attempt_at bigint,
  sent_at bigint
);
CREATE INDEX webhook_delivery_due ON webhook_delivery(next_attempt_at) WHERE state = 'queued';
CREATE INDEX webhook_delivery_of ON webhook_delivery(webhook_id, event_id);

CREATE TABLE webhook_cursor (
  id bigint PRIMARY KEY CHECK (id = 1),
  last_event_id bigint NOT NULL
);
INSERT INTO webhook_cursor (id, last_event_id) VALUES (1, 0);

CREATE TABLE person_match (
  case_id text PRIMARY KEY REFERENCES case_file(id),
  organization_id text NOT NULL,
  match_key text NOT NULL              -- "pm1:" + keyed hash; never a name
);
CREATE INDEX person_match_key ON person_match(match_key, organization_id);

CREATE VIEW case_scope (viewer_org, case_org) AS
  SELECT id, id FROM organization
  UNION ALL
  SELECT parent_id, id FROM organization
   WHERE shares_cases_with_parent = 1 AND parent_id IS NOT NULL;

CREATE TABLE case_transfer (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES case_file(id),
  from_org text NOT NULL REFERENCES organization(id),
  to_org text NOT NULL REFERENCES organization(id),
  consent_id text NOT NULL,
  reason text NOT NULL,                -- sealed with a key
  by_user text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX case_transfer_case ON case_transfer(case_id);

CREATE TABLE respond_link (
  token_hash text PRIMARY KEY,
  referral_id text NOT NULL REFERENCES referral(id),
  organization_id text NOT NULL REFERENCES organization(id),
  created_at bigint NOT NULL,
  ended_at bigint
);
CREATE INDEX respond_link_referral ON respond_link(referral_id);

CREATE TABLE referral_tracking (
  referral_id text PRIMARY KEY REFERENCES referral(id),
  code text NOT NULL UNIQUE,
  pin_hash text NOT NULL,
  failures bigint NOT NULL DEFAULT 0,
  locked_until bigint
);
)sql";

}  // namespace enlace::storage::pg_migrations
