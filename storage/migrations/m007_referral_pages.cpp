// Migration 7: indexes that hand a box's referrals out already in the listing's order (newest
// first is rowid order), so a page of 50 reads about 50 rows instead of sorting the whole box.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM007ReferralPages = R"sql(
-- (org, status, id) ordered a status by id, which no query wants; (org, status) orders it by
-- rowid, as the listing filtered by status reads it.
DROP INDEX referral_from;
DROP INDEX referral_to;
CREATE INDEX referral_from_status ON referral(from_org, status);
CREATE INDEX referral_to_status ON referral(to_org, status);
-- Each box newest first (the inbox never shows drafts).
CREATE INDEX referral_from_seq ON referral(from_org);
CREATE INDEX referral_to_seq ON referral(to_org) WHERE status <> 'draft';
-- The open referrals of each box, newest first: the overdue part of a page. The conditions
-- must match the listing's statements in referral_list.cpp.
CREATE INDEX referral_from_open ON referral(from_org) WHERE status IN ('requested','received');
CREATE INDEX referral_to_open ON referral(to_org) WHERE status IN ('requested','received');
-- The vital-interest referrals the sending org_admin has not reviewed yet.
CREATE INDEX referral_review ON referral(from_org)
  WHERE legal_basis = 'vital_interest' AND reviewed_at IS NULL;
)sql";

}  // namespace enlace::storage::migrations
