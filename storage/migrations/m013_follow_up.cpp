// Migration 13: follow-up after acceptance, overdue reminders, and listings whose overdue part
// costs the page's rows. Before it, a page of a box read the box's open referrals newest first
// and skipped those still within their deadline, so an inbox holding many open referrals on
// time walked all of them on every page (issue #15 item 6).
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM013FollowUp = R"sql(
-- When an accepted referral should have reached its outcome (response standards'
-- outcome_days); NULL for referrals accepted before this migration.
ALTER TABLE referral ADD COLUMN outcome_by INTEGER;
-- When the next overdue reminder is due, set with each overdue notice.
ALTER TABLE referral ADD COLUMN overdue_remind_at INTEGER;
-- The deadline of the referral's state: respond_by while it waits for an answer, outcome_by
-- while it is worked on, else NULL (core::due_at). Computed, so that no write path can leave
-- it stale; overdue means due_at < now.
ALTER TABLE referral ADD COLUMN due_at INTEGER GENERATED ALWAYS AS (
  CASE WHEN status IN ('requested','received') THEN respond_by
       WHEN status IN ('accepted','in-progress','on-hold') THEN outcome_by END) VIRTUAL;
-- When the next overdue notice is due: the deadline itself until a notice went out for it,
-- then the reminder time. The scheduled pass takes the rows with notice_at < now.
ALTER TABLE referral ADD COLUMN notice_at INTEGER GENERATED ALWAYS AS (
  CASE WHEN due_at IS NULL THEN NULL
       WHEN overdue_notified_at IS NULL OR overdue_notified_at < due_at THEN due_at
       ELSE overdue_remind_at END) VIRTUAL;
-- Notices sent before reminders existed: the next one a day later (the default).
UPDATE referral SET overdue_remind_at = overdue_notified_at + 86400000
 WHERE overdue_notified_at IS NOT NULL AND status IN ('requested','received');

-- The overdue part of each box, most overdue first: a page seeks to due_at < now and reads
-- its own rows, however many referrals of the box are still within their deadline. The
-- conditions must match the listing's statements in referral_list.cpp.
DROP INDEX referral_from_open;
DROP INDEX referral_to_open;
CREATE INDEX referral_from_due ON referral(from_org, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX referral_to_due ON referral(to_org, due_at) WHERE due_at IS NOT NULL;
-- Network-wide: the overdue gauge counts the range due_at < now.
CREATE INDEX referral_due ON referral(due_at) WHERE due_at IS NOT NULL;
-- The notices (first and reminders) due: replaces migration 5's index.
DROP INDEX referral_overdue_pending;
CREATE INDEX referral_notice ON referral(notice_at) WHERE notice_at IS NOT NULL;
)sql";

}  // namespace enlace::storage::migrations
