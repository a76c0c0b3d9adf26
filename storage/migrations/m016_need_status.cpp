// Migration 16: needs get a stable id and a status (open, met, withdrawn), so that a case can be
// kept current (API.md, Daily work): a PATCH updates a need by its id, and a need met or
// withdrawn stays on the case (demand counts it; unmet does not).
#include "storage/migrations/list.hpp"
#include "storage/sql_uuid.hpp"

namespace enlace::storage::migrations {

// The gap report reads needs by date through case_need_period; status rides in the index so
// that "unmet" (open and without a live referral) needs no lookup of the row.
extern const char* const kM016NeedStatus =
    "ALTER TABLE case_need ADD COLUMN id TEXT;\n"
    "ALTER TABLE case_need ADD COLUMN status TEXT NOT NULL DEFAULT 'open'"
    " CHECK (status IN ('open','met','withdrawn'));\n"
    "UPDATE case_need SET id = " ENLACE_SQL_RANDOM_UUID ";\n"
    "CREATE UNIQUE INDEX case_need_id ON case_need(id);\n"
    "DROP INDEX case_need_period;\n"
    "CREATE INDEX case_need_period ON case_need(created_at, status);\n";

}  // namespace enlace::storage::migrations
