// Migration 4: covering indexes for the service-gap report, so that each of its GROUP BY passes
// reads narrow index entries instead of the wide rows that hold names, notes and snapshots.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM004GapIndexes = R"sql(
-- Needs by assessment date (case_id and category ride along: case_need is WITHOUT ROWID).
CREATE INDEX case_need_period ON case_need(created_at);
-- A case's place, owner and the fields groups are made of, found by id without the row.
CREATE INDEX case_gap ON case_file(id, territory_id, organization_id, sex, nationality,
                                   birth_date, estimated_age, estimated_on);
-- Referrals by their report date (requested, or written for a draft) with every column the
-- report reads (created_at too, or SQLite 3.40 does not see the index as covering). The
-- expression must match GAP_REFERRAL_DATE in gap_report_repository.cpp.
CREATE INDEX referral_gap ON referral(COALESCE(requested_at, created_at), category, status,
                                      case_id, reason_code, respond_by, requested_at,
                                      responded_at, created_at, from_org, to_org);
-- "Is this need met?": live referrals of a case and category. The condition must match
-- GAP_UNMET in gap_report_repository.cpp.
CREATE INDEX referral_need_open ON referral(case_id, category, status)
  WHERE status NOT IN ('draft', 'rejected', 'cancelled', 'failed');
)sql";

}  // namespace enlace::storage::migrations
