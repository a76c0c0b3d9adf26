// Migration 8: a territory's local time (an IANA name); NULL means its parent's applies.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM008TerritoryTimeZone = R"sql(
ALTER TABLE territory ADD COLUMN time_zone TEXT;
)sql";

}  // namespace enlace::storage::migrations
