// PostgreSQL's migration 20, the twin of storage/migrations/m020_referral_waiting.cpp: a box's
// referrals within their deadline in one index, those noticed overdue in another.
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP020ReferralWaiting = R"sql(
DROP INDEX referral_from_seq;
DROP INDEX referral_to_seq;
CREATE INDEX referral_from_waiting ON referral(from_org)
  WHERE due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at;
CREATE INDEX referral_to_waiting ON referral(to_org)
  WHERE status <> 'draft'
    AND (due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at);
CREATE INDEX referral_from_noticed ON referral(from_org, due_at)
  WHERE overdue_notified_at >= due_at;
CREATE INDEX referral_to_noticed ON referral(to_org, due_at)
  WHERE status <> 'draft' AND overdue_notified_at >= due_at;
)sql";

}  // namespace enlace::storage::pg_migrations
