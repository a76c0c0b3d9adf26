// Migration 24: the records each listing page showed move from audit_record, one B-tree row per
// record and page, to audit_listing, a full-text index with one document per page.
// Each page wrote 50 rows at 50 places of audit_record's (entity_type, entity_id, seq) key, on
// the single writer, before its reply: a fifth of an inbox page's server time
// (docs/PERFORMANCE.md, "The listing event's index"). An FTS5 table keeps a transaction's
// postings in memory and writes them as one sorted segment at COMMIT, merging segments later.
// - One document per listing event, rowid = the event's seq; its text is one token per record
//   shown, the hex of "entity_type:entity_id" (the ascii tokenizer keeps letters and digits
//   only, so any id is one exact token; hex is folded to lower case either way).
// - content='': the event's entity_id is the authoritative list, hashed into the chain; the
//   index only finds the events. detail=none and columnsize=0: only which documents hold a
//   token is asked, never where in them.
// PostgreSQL keeps audit_record (p024): its rows go to one heap and a btree that writers share
// without one writer's lock.
#include "storage/migrations/list.hpp"

namespace enlace::storage::migrations {

extern const char* const kM024ListingIndex = R"sql(
CREATE VIRTUAL TABLE audit_listing USING fts5(
  ids, content = '', columnsize = 0, detail = none, tokenize = 'ascii');
INSERT INTO audit_listing (rowid, ids)
  SELECT seq, group_concat(hex(entity_type || ':' || entity_id), ' ')
    FROM audit_record GROUP BY seq;
INSERT INTO audit_listing (audit_listing) VALUES ('optimize');
DROP TABLE audit_record;
)sql";

}  // namespace enlace::storage::migrations
