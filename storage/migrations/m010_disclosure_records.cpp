// Migration 10: the records each listing event names, and which needs a referral shares.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

// audit_record: one row per record a listing page showed (the event itself names them all in
// its entity_id, which the hash chain covers). This is the index the person's access report
// walks to find the pages their record appeared on; the primary key is that walk's order.
// No foreign key: audit events are never deleted, and the chain is what vouches for them.
// referral.shared_needs / shared_specific_needs: JSON arrays of the need categories and
// specific need codes chosen to go with "needs" and "specific_needs" (the latter sealed like
// case_file.specific_needs); NULL on referrals written before, which the default covers.
extern const char* const kM010DisclosureRecords = R"sql(
CREATE TABLE audit_record (
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (entity_type, entity_id, seq)
) STRICT, WITHOUT ROWID;
ALTER TABLE referral ADD COLUMN shared_needs TEXT;
ALTER TABLE referral ADD COLUMN shared_specific_needs TEXT;
)sql";

}  // namespace enlace::storage::migrations
