// Migration 24 on PostgreSQL: the schema keeps audit_record; SQLite's migration 24 moves the
// same records into a full-text index (storage/migrations/m024_listing_index.cpp says why).
// The version moves with SQLite's so that one number names one schema on both.
#include "storage/postgres/migrations/list.hpp"

namespace enlace::storage::pg_migrations {

extern const char* const kP024ListingIndex = R"sql(
COMMENT ON TABLE audit_record IS
  'The records each listing event named, one row per record: the index of audit_event.entity_id'
  ' that the access report reads (SQLite keeps them in the full-text table audit_listing).';
)sql";

}  // namespace enlace::storage::pg_migrations
