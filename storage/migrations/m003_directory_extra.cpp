// Migration 3: the directory's lookups by parent organisation, and the response standards'
// defaults stored as a setting so that its version (and ETag) exists from the start.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM003DirectoryExtra = R"sql(
CREATE INDEX organization_parent ON organization(parent_id);
INSERT OR IGNORE INTO setting (key, value, version, updated_at) VALUES
  ('response_standards',
   '{"hours":{"emergency":4,"high":24,"normal":72},"by_category":{}}', 1, 0);
)sql";

}  // namespace enlace::storage::migrations
