// Access report queries: see disclosure_report.hpp.
#include "storage/disclosure_report.hpp"

#include "storage/case_scope.hpp"

namespace enlace::storage {

namespace {

// The person's access report reads four kinds of event: the case's own, the pages of the case
// list that showed it, the events on each referral made from it, and the pages of inbox,
// outbox and review that showed one of those referrals, by either side (the receiver, and the
// sender's own staff, its org_admins included, who read referrals without opening the case).
// Listing events report the record matched, not the whole page. Index walks only: the events
// on (entity_type, entity_id, seq); the pages through the index of listing events, which is
// the engine's own (migration 24): SQLite's full-text audit_listing, PostgreSQL's audit_record.
#define ENLACE_ACCESS_COLUMNS                                                                   \
  "SELECT a.seq, a.at, a.actor_user, COALESCE(u.display_name, ''), a.organization, "           \
  "COALESCE(o.name, ''), a.action, "
#define ENLACE_ACCESS_NAMES                                                                     \
  " LEFT JOIN app_user u ON u.id = a.actor_user LEFT JOIN organization o ON o.id = a.organization"
// A listing page's token for a record, as storage::listing_token() writes it.
#define ENLACE_LISTING_MATCH(type, id) "'\"' || hex('" type ":' || " id ") || '\"'"
#define ENLACE_CASE_PAGES_SQLITE                                                                \
  " FROM audit_listing x JOIN audit_event a ON a.seq = x.rowid AND a.outcome = 'ok'"           \
  ENLACE_ACCESS_NAMES " WHERE x.audit_listing MATCH " ENLACE_LISTING_MATCH("case", "?1")
#define ENLACE_CASE_PAGES_PG                                                                    \
  " FROM audit_record x JOIN audit_event a ON a.seq = x.seq AND a.outcome = 'ok'"              \
  ENLACE_ACCESS_NAMES " WHERE x.entity_type = 'case' AND x.entity_id = ?1"
#define ENLACE_REFERRAL_PAGES_SQLITE                                                            \
  " FROM referral r"                                                                           \
  " JOIN audit_listing x ON x.audit_listing MATCH " ENLACE_LISTING_MATCH("referral", "r.id")   \
  " JOIN audit_event a ON a.seq = x.rowid"
#define ENLACE_REFERRAL_PAGES_PG                                                                \
  " FROM referral r"                                                                           \
  " JOIN audit_record x ON x.entity_type = 'referral' AND x.entity_id = r.id"                  \
  " JOIN audit_event a ON a.seq = x.seq"
#define ENLACE_ACCESS_READS(case_pages, referral_pages)                                         \
  ENLACE_ACCESS_COLUMNS "a.entity_type, a.entity_id FROM audit_event a" ENLACE_ACCESS_NAMES    \
  " WHERE a.entity_type = 'case' AND a.entity_id = ?1 AND a.outcome = 'ok'"                    \
  " UNION ALL " ENLACE_ACCESS_COLUMNS "'case', ?1" case_pages                                  \
  " UNION ALL " ENLACE_ACCESS_COLUMNS "a.entity_type, a.entity_id FROM referral r"             \
  " JOIN audit_event a ON a.entity_type = 'referral' AND a.entity_id = r.id"                   \
  " AND a.organization IN (r.to_org, r.from_org) AND a.outcome = 'ok'" ENLACE_ACCESS_NAMES     \
  " WHERE r.case_id = ?1"                                                                      \
  " UNION ALL " ENLACE_ACCESS_COLUMNS "'referral', r.id" referral_pages                        \
  " AND a.organization IN (r.to_org, r.from_org) AND a.outcome = 'ok'" ENLACE_ACCESS_NAMES     \
  " WHERE r.case_id = ?1 ORDER BY 1"

}  // namespace

core::Result<DisclosureReport> disclosure_report(ReadTxn& tx, const core::Actor& actor,
                                                 const std::string& case_id) {
  {
    auto owned = tx.prepared("SELECT 1 FROM case_file WHERE id = ?1 AND organization_id"
                             ENLACE_IN_CASE_SCOPE("?2"));
    owned.bind(1, case_id);
    owned.bind(2, case_scope_org(actor));
    if (!owned.step()) return core::Error::not_found("case");
  }
  DisclosureReport report;
  report.case_id = case_id;
  {
    // A snapshot is sent when the referral is requested; drafts have disclosed nothing.
    auto st = tx.prepared(R"sql(
        SELECT r.id, r.requested_at, r.to_org, o.name, r.category, r.shared_fields,
               r.legal_basis, c.id, c.method, c.given_at
          FROM referral r
          JOIN case_file cf ON cf.id = r.case_id
                           AND cf.organization_id)sql" ENLACE_IN_CASE_SCOPE("?2") R"sql(
          JOIN organization o ON o.id = r.to_org
          LEFT JOIN consent c ON c.id = r.consent_id AND c.case_id = r.case_id
         WHERE r.case_id = ?1 AND r.requested_at IS NOT NULL
         ORDER BY r.requested_at, r.id)sql");
    st.bind(1, case_id);
    st.bind(2, case_scope_org(actor));
    while (st.step()) {
      Disclosure d;
      d.referral_id = st.text(0);
      d.sent_at = core::from_millis(st.int64(1));
      d.to_organization_id = st.text(2);
      d.to_organization_name = st.text(3);
      d.category = st.text(4);
      d.shared_fields_json = st.text(5);
      d.legal_basis = st.text(6);
      if (!st.is_null(7))
        d.consent = DisclosedConsent{st.text(7), st.text(8), core::from_millis(st.int64(9))};
      report.referrals.push_back(std::move(d));
    }
  }
  {
    auto st = tx.prepared(
        tx.connection().is_postgres()
            ? ENLACE_ACCESS_READS(ENLACE_CASE_PAGES_PG, ENLACE_REFERRAL_PAGES_PG)
            : ENLACE_ACCESS_READS(ENLACE_CASE_PAGES_SQLITE, ENLACE_REFERRAL_PAGES_SQLITE));
    st.bind(1, case_id);
    while (st.step()) {
      RecordedAccess a;
      a.at = core::from_millis(st.int64(1));
      a.user_id = st.text(2);
      a.display_name = st.text(3);
      a.organization_id = st.text(4);
      a.organization_name = st.text(5);
      a.action = st.text(6);
      a.entity_type = st.text(7);
      a.entity_id = st.text(8);
      report.reads.push_back(std::move(a));
    }
  }
  return report;
}

}  // namespace enlace::storage
