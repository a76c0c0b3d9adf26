// Access report queries: see disclosure_report.hpp.
#include "storage/disclosure_report.hpp"

#include "storage/case_scope.hpp"

namespace enlace::storage {

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
    // Index walks only: the case's own events on (entity_type, entity_id, seq); the pages of
    // the case list that showed it, through audit_record; and for each referral made from it,
    // the events on it and the pages of inbox, outbox and review that showed it, by either
    // side: the receiver, and the sender's own staff, its org_admins included, who read
    // referrals without opening the case. Listing events report the record matched, not the
    // whole page.
    auto st = tx.prepared(R"sql(
        SELECT a.seq, a.at, a.actor_user, COALESCE(u.display_name, ''), a.organization,
               COALESCE(o.name, ''), a.action, a.entity_type, a.entity_id
          FROM audit_event a
          LEFT JOIN app_user u ON u.id = a.actor_user
          LEFT JOIN organization o ON o.id = a.organization
         WHERE a.entity_type = 'case' AND a.entity_id = ?1 AND a.outcome = 'ok'
        UNION ALL
        SELECT a.seq, a.at, a.actor_user, COALESCE(u.display_name, ''), a.organization,
               COALESCE(o.name, ''), a.action, 'case', ?1
          FROM audit_record x
          JOIN audit_event a ON a.seq = x.seq AND a.outcome = 'ok'
          LEFT JOIN app_user u ON u.id = a.actor_user
          LEFT JOIN organization o ON o.id = a.organization
         WHERE x.entity_type = 'case' AND x.entity_id = ?1
        UNION ALL
        SELECT a.seq, a.at, a.actor_user, COALESCE(u.display_name, ''), a.organization,
               COALESCE(o.name, ''), a.action, a.entity_type, a.entity_id
          FROM referral r
          JOIN audit_event a ON a.entity_type = 'referral' AND a.entity_id = r.id
                            AND a.organization IN (r.to_org, r.from_org) AND a.outcome = 'ok'
          LEFT JOIN app_user u ON u.id = a.actor_user
          LEFT JOIN organization o ON o.id = a.organization
         WHERE r.case_id = ?1
        UNION ALL
        SELECT a.seq, a.at, a.actor_user, COALESCE(u.display_name, ''), a.organization,
               COALESCE(o.name, ''), a.action, 'referral', r.id
          FROM referral r
          JOIN audit_record x ON x.entity_type = 'referral' AND x.entity_id = r.id
          JOIN audit_event a ON a.seq = x.seq AND a.organization IN (r.to_org, r.from_org)
                            AND a.outcome = 'ok'
          LEFT JOIN app_user u ON u.id = a.actor_user
          LEFT JOIN organization o ON o.id = a.organization
         WHERE r.case_id = ?1
         ORDER BY 1)sql");
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
