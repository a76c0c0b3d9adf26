// Migration 20: the part of a box within its deadline, without the referrals whose overdue
// notice went out. A page of that part is read newest first and skips the overdue referrals it
// meets, since which referrals are overdue changes with the clock; past a long run of them (an
// organisation that never answers) one page read the whole run. Once the scanner has sent a
// referral's notice for its deadline (overdue_notified_at >= due_at), it leaves the box's
// waiting index, so the page skips only those overdue for less than a scan (issue #15 item 6).
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM020ReferralWaiting = R"sql(
-- The conditions must match the listing's statements in referral_list.cpp.
-- Each box newest first, but for the referrals noticed overdue: replaces referral_{from,to}_seq
-- (so a referral is still in one rowid-ordered index of each box until its notice goes out).
DROP INDEX referral_from_seq;
DROP INDEX referral_to_seq;
CREATE INDEX referral_from_waiting ON referral(from_org)
  WHERE due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at;
CREATE INDEX referral_to_waiting ON referral(to_org)
  WHERE status <> 'draft'
    AND (due_at IS NULL OR overdue_notified_at IS NULL OR overdue_notified_at < due_at);
-- The noticed ones, by deadline: those back within it (a clock set back) are a range that is
-- empty in practice, read and merged into the page.
CREATE INDEX referral_from_noticed ON referral(from_org, due_at)
  WHERE overdue_notified_at >= due_at;
CREATE INDEX referral_to_noticed ON referral(to_org, due_at)
  WHERE status <> 'draft' AND overdue_notified_at >= due_at;
)sql";

}  // namespace enlace::storage::migrations
