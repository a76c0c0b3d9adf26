// The SQL of each migration, one file per migration; the order lives in migrations.cpp.
#pragma once

namespace enlace::storage::migrations {
extern const char* const kM001Directory;
extern const char* const kM002CasesReferrals;
extern const char* const kM003DirectoryExtra;
extern const char* const kM004GapIndexes;
extern const char* const kM005OverduePending;
extern const char* const kM006PasswordExpiry;
extern const char* const kM007ReferralPages;
extern const char* const kM008TerritoryTimeZone;
extern const char* const kM009BlindNameIndex;
extern const char* const kM010DisclosureRecords;
extern const char* const kM011IdempotencyKeys;
extern const char* const kM012MailOutbox;
extern const char* const kM013FollowUp;
extern const char* const kM014Webhooks;
extern const char* const kM015ServiceWhereabouts;
extern const char* const kM016NeedStatus;
extern const char* const kM017PersonMatch;
extern const char* const kM018CaseSharing;
extern const char* const kM019ExternalOrganizations;
extern const char* const kM020ReferralWaiting;
extern const char* const kM021SignInFailures;
extern const char* const kM022ListIndexRowid;
extern const char* const kM023SharedLimits;
extern const char* const kM024ListingIndex;
}  // namespace enlace::storage::migrations
