// Migration 18: a unit may share its cases with its parent organisation's caseworkers
// (shares_cases_with_parent), and case_scope says, in one place, whose cases each
// organisation's caseworkers work: their own, and those of its direct units that share. Every
// case query joins it, so the rule lives in SQL beside the data it guards. case_transfer
// records each hand-over of a case (POST /cases/{id}/transfer): both sides, the consent that
// allowed it and the reason (sealed).
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM018CaseSharing = R"sql(
ALTER TABLE organization ADD COLUMN shares_cases_with_parent INTEGER NOT NULL DEFAULT 0
  CHECK (shares_cases_with_parent IN (0, 1));
CREATE INDEX organization_sharing_units ON organization(parent_id)
  WHERE shares_cases_with_parent = 1;
CREATE VIEW case_scope (viewer_org, case_org) AS
  SELECT id, id FROM organization
  UNION ALL
  SELECT parent_id, id FROM organization
   WHERE shares_cases_with_parent = 1 AND parent_id IS NOT NULL;
CREATE TABLE case_transfer (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  from_org TEXT NOT NULL REFERENCES organization(id),
  to_org TEXT NOT NULL REFERENCES organization(id),
  consent_id TEXT NOT NULL,
  reason TEXT NOT NULL,               -- sealed with a key
  by_user TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_transfer_case ON case_transfer(case_id);
)sql";

}  // namespace enlace::storage::migrations
