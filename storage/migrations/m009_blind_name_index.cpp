// Migration 9: names, birth dates and phones are sealed when a key is configured, so search
// and the gap report can no longer read them in SQL. Name search then goes through keyed
// blind tokens (storage/name_index.hpp); the gap report's age groups through the birth year.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM009BlindNameIndex = R"sql(
-- The year of birth, the only part of a sealed birth date left readable: the gap report's age
-- groups need an age in SQL (docs/SECURITY.md). NULL without a birth date.
ALTER TABLE case_file ADD COLUMN birth_year INTEGER;
UPDATE case_file SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER)
 WHERE birth_date GLOB '[0-9][0-9][0-9][0-9]-*';

-- With a key: one row per folded name word and per prefix of it (2 characters or more) of
-- each case, the token a keyed hash of the organisation and the text (name_index.cpp).
-- Without a key it stays empty and case_name_search serves `q`, as before.
CREATE TABLE case_name_token (
  token INTEGER NOT NULL,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  PRIMARY KEY (token, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_name_token_case ON case_name_token(case_id);

-- A blind name_key ('blind1:' + hex) is a hash, not words: it gets no FTS row.
DROP TRIGGER case_name_search_insert;
DROP TRIGGER case_name_search_update;
CREATE TRIGGER case_name_search_insert AFTER INSERT ON case_file
  WHEN new.name_key <> '' AND new.name_key NOT GLOB 'blind1:*' BEGIN
  INSERT INTO case_name_search(rowid, name_key) VALUES (new.search_rowid, new.name_key);
END;
CREATE TRIGGER case_name_search_update AFTER UPDATE OF name_key ON case_file BEGIN
  DELETE FROM case_name_search WHERE rowid = old.search_rowid;
  INSERT INTO case_name_search(rowid, name_key)
    SELECT new.search_rowid, new.name_key
     WHERE new.name_key <> '' AND new.name_key NOT GLOB 'blind1:*';
END;

-- The gap report's covering index gains the birth year (GAP_AGE in gap_report_repository.cpp).
DROP INDEX case_gap;
CREATE INDEX case_gap ON case_file(id, territory_id, organization_id, sex, nationality,
                                   birth_date, birth_year, estimated_age, estimated_on);
)sql";

}  // namespace enlace::storage::migrations
