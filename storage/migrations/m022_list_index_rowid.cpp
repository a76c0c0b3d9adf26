// Migration 22: nothing on SQLite, whose every index ends with the rowid without saying so
// (a box's pages follow referral_{to,from}_* in rowid order). Its PostgreSQL twin
// (p022_list_index_rowid.cpp) appends rowid to the same indexes, which there ended without it.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM022ListIndexRowid = R"sql(
-- SQLite's indexes already end with the rowid (see the PostgreSQL twin).
SELECT 1;
)sql";

}  // namespace enlace::storage::migrations
