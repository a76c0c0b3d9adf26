// Migration 15: where and when a service can be reached (API.md, Daily work): its address,
// phone, map position and weekly schedule. The places free now stay in `capacity` (with
// `capacity_updated_at`), which the API names `capacity_available`. `updated_at` indexes serve
// the HSDS feed's `modified_after`.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM015ServiceWhereabouts = R"sql(
ALTER TABLE service ADD COLUMN address TEXT;
ALTER TABLE service ADD COLUMN phone TEXT;
ALTER TABLE service ADD COLUMN latitude REAL;
ALTER TABLE service ADD COLUMN longitude REAL;
-- "weekday opens closes" entries separated by ';' (e.g. "1 08:00 16:00;5 22:00 06:00")
ALTER TABLE service ADD COLUMN schedule TEXT NOT NULL DEFAULT '';
CREATE INDEX service_updated ON service(updated_at, id);
CREATE INDEX organization_updated ON organization(updated_at, id);
)sql";

}  // namespace enlace::storage::migrations
