// Audit log queries: see audit_query.hpp.
#include "storage/audit_query.hpp"

#include "storage/audit_event_row.hpp"

namespace enlace::storage {

namespace {

// Every variant keeps all filters; they differ only in the equality that leads, so that
// SQLite walks the matching index (actor_user, seq), (organization, seq) or
// (entity_type, entity_id, seq) backwards from the cursor instead of scanning the whole log.
#define ENLACE_AUDIT_SELECT                                                                   \
  "SELECT seq, at, actor_user, organization, role, action, entity_type, entity_id, outcome, " \
  "address, request_id, prev_hash, hash FROM audit_event WHERE "
#define ENLACE_AUDIT_REST                                     \
  " AND seq < ?1"                                             \
  " AND (?2 IS NULL OR actor_user = ?2)"                      \
  " AND (?3 IS NULL OR organization = ?3)"                    \
  " AND (?4 IS NULL OR entity_type = ?4)"                     \
  " AND (?5 IS NULL OR entity_id = ?5)"                       \
  " AND (?6 IS NULL OR action = ?6)"                          \
  " AND at >= ?7 AND at < ?8"                                 \
  " ORDER BY seq DESC LIMIT ?9"

constexpr const char* kByEntity = ENLACE_AUDIT_SELECT "entity_type = ?4 AND entity_id = ?5" ENLACE_AUDIT_REST;
constexpr const char* kByActor = ENLACE_AUDIT_SELECT "actor_user = ?2" ENLACE_AUDIT_REST;
constexpr const char* kByOrganization = ENLACE_AUDIT_SELECT "organization = ?3" ENLACE_AUDIT_REST;
constexpr const char* kAll = ENLACE_AUDIT_SELECT "1 = 1" ENLACE_AUDIT_REST;

#undef ENLACE_AUDIT_SELECT
#undef ENLACE_AUDIT_REST

const char* pick_query(const AuditFilter& f) {
  if (f.entity_type && f.entity_id) return kByEntity;
  if (f.actor) return kByActor;
  if (f.organization) return kByOrganization;
  return kAll;
}

}  // namespace

core::Result<std::vector<AuditRow>> list_audit_events(ReadTxn& tx, const core::Actor& actor,
                                                      const AuditFilter& f) {
  if (!actor.has(core::Role::auditor)) return core::Error::forbidden();
  auto st = tx.prepared(pick_query(f));
  st.bind(1, f.before_seq);
  st.bind(2, f.actor);
  st.bind(3, f.organization);
  st.bind(4, f.entity_type);
  st.bind(5, f.entity_id);
  st.bind(6, f.action);
  st.bind(7, f.from_ms);
  st.bind(8, f.until_ms);
  st.bind(9, std::int64_t{f.limit} + 1);
  std::vector<AuditRow> rows;
  while (st.step()) {
    AuditRow r;
    r.seq = st.int64(0);
    r.event = read_audit_event(st, 1);
    r.prev_hash = st.text(11);
    r.hash = st.text(12);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace enlace::storage
