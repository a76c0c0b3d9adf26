// PostgreSQL's migration 22, the twin of storage/migrations/m022_list_index_rowid.cpp. A box's
// pages (referral_list.cpp) read an index in rowid order from the cursor's rowid: SQLite's
// indexes end with the rowid implicitly, PostgreSQL's did not, so there a page either sorted
// the whole box or walked the table's rowid index backwards, skipping other organisations'
// referrals (6 ms for a first page of 51 at 30,000 cases, 0.3 ms with rowid in the index:
// EXPLAIN ANALYZE). SchemaLockstep reads a trailing rowid as SQLite's implicit one.
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP022ListIndexRowid = R"sql(
DROP INDEX referral_from_status;
DROP INDEX referral_to_status;
DROP INDEX referral_from_due;
DROP INDEX referral_to_due;
DROP INDEX referral_from_waiting;
DROP INDEX referral_to_waiting;
DROP INDEX referral_from_noticed;
DROP INDEX referral_to_noticed;
DROP INDEX referral_review;
DROP INDEX referral_case;
CREATE INDEX referral_from_status ON referral(from_org, status, rowid);
CREATE INDEX referral_to_status ON referral(to_org, status, rowid);
CREATE INDEX referral_from_due ON referral(from_org, due_at, rowid) WHERE due_at IS NOT NULL;
CREATE INDEX referral_to_due ON referral(to_org, due_at, rowid) WHERE due_at IS NOT NULL;
CREATE INDEX referral_from_waiting ON referral(from_org, rowid)
  WHERE due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at;
CREATE INDEX referral_to_waiting ON referral(to_org, rowid)
  WHERE status <> 'draft'
    AND (due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at);
CREATE INDEX referral_from_noticed ON referral(from_org, due_at, rowid)
  WHERE overdue_notified_at >= due_at;
CREATE INDEX referral_to_noticed ON referral(to_org, due_at, rowid)
  WHERE status <> 'draft' AND overdue_notified_at >= due_at;
CREATE INDEX referral_review ON referral(from_org, rowid)
  WHERE legal_basis = 'vital_interest' AND reviewed_at IS NULL;
CREATE INDEX referral_case ON referral(case_id, rowid);
)sql";

}  // namespace enlace::storage::pg_migrations
