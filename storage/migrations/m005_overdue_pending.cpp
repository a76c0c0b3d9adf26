// Migration 5: the open referrals whose overdue notice has not gone out yet. Every listing
// takes those notices first (ReferralRepository::take_overdue); with only the deadline index it
// read every open overdue row to check overdue_notified_at, so listings grew with the data.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM005OverduePending = R"sql(
-- The condition must match take_overdue in referral_repository.cpp.
CREATE INDEX referral_overdue_pending ON referral(respond_by)
  WHERE status IN ('requested','received') AND overdue_notified_at IS NULL;
)sql";

}  // namespace enlace::storage::migrations
