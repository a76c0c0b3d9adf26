// The SQL of each PostgreSQL migration, one file per migration; the order lives in
// pg_migrations.cpp. Migration 19 is the baseline (SQLite's schema at version 19); each later
// migration has a SQLite twin of the same number in storage/migrations/.
#pragma once

namespace enlace::storage::pg_migrations {
extern const char* const kP019Baseline;
extern const char* const kP020ReferralWaiting;
extern const char* const kP021SignInFailures;
extern const char* const kP022ListIndexRowid;
extern const char* const kP023SharedLimits;
extern const char* const kP024ListingIndex;
}  // namespace enlace::storage::pg_migrations
