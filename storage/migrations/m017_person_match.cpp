// Migration 17: keyed person matches across organisations (storage/person_match.hpp): one row
// per case with a birth date, written only with a field key; the index answers "is this key
// held by another organisation" without reading cases.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM017PersonMatch = R"sql(
CREATE TABLE person_match (
  case_id TEXT PRIMARY KEY REFERENCES case_file(id),
  organization_id TEXT NOT NULL,
  match_key TEXT NOT NULL             -- "pm1:" + keyed hash; never a name
) STRICT, WITHOUT ROWID;
CREATE INDEX person_match_key ON person_match(match_key, organization_id);
)sql";

}  // namespace enlace::storage::migrations
