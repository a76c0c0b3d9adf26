// Retention: erasing the personal data of cases closed longer ago than the retention period.
// Ids, codes, dates and the audit chain stay, so statistics and verification still work.
#pragma once

#include "core/result.hpp"
#include "core/time.hpp"

#include <string>

namespace enlace::storage {

// In one transaction: names, birth date or estimated age, phone, notes, specific needs, need
// notes and the close reason of every case closed at least `older_than_days` before `now`
// and not yet purged; the snapshots, free-text reasons and outcomes of their referrals and
// the bodies of their messages; their search-index rows. Sets purged_at and writes one
// "case.purge" audit event per case. Freed pages are zeroed and the WAL truncated so the
// erased text does not linger in the file; on PostgreSQL the changed tables are vacuumed after
// COMMIT (and the trigram index of names rebuilt when it held a purged name), so that no old
// row version keeps the erased text. Returns how many cases were purged.
core::Result<int> purge_closed_cases(const std::string& db_path, core::Timestamp now,
                                     int older_than_days);

}  // namespace enlace::storage
