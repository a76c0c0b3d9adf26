// Migration 14: webhooks of organisations, their deliveries, and the dispatcher's cursor.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

// webhook: an organisation's endpoint. `events` holds the subscribed event types separated by
// spaces; `secret` is the signing secret ("whsec_..."), sealed with the field cipher when a key
// is configured. `failing_since` is the first failure since the last success (an endpoint
// failing for 3 days is disabled: `disabled_at`).
// webhook_delivery: one event for one webhook; its id is the `webhook-id` header, the same on
// every retry; `body` is the signed JSON (ids and states only). Deleting a webhook deletes them.
// webhook_cursor: the last live_event the dispatcher turned into deliveries, advanced in the
// same transaction as the rows it wrote (nothing announced that did not commit, nothing
// committed unannounced). It starts at the newest event: nothing before webhooks existed.
extern const char* const kM014Webhooks = R"sql(
CREATE TABLE webhook (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organization(id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  failing_since INTEGER,
  disabled_at INTEGER
) STRICT;
CREATE INDEX webhook_org ON webhook(organization_id, id);
CREATE TABLE webhook_delivery (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  first_failed_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  sent_at INTEGER
) STRICT;
CREATE INDEX webhook_delivery_due ON webhook_delivery(next_attempt_at) WHERE state = 'queued';
CREATE INDEX webhook_delivery_of ON webhook_delivery(webhook_id, event_id);
CREATE TABLE webhook_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL
) STRICT;
INSERT INTO webhook_cursor (id, last_event_id) SELECT 1, COALESCE(MAX(id), 0) FROM live_event;
)sql";

}  // namespace enlace::storage::migrations
