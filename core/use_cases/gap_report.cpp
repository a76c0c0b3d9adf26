// The service-gap report: see gap_report.hpp.
#include "core/use_cases/gap_report.hpp"

namespace enlace::core {

Result<GapScope> gap_report_scope(const Actor& actor) {
  if (actor.has(Role::coordinator)) return GapScope{};
  if (actor.has(Role::org_admin) && !actor.organization_id.empty())
    return GapScope{actor.organization_id};
  return Error::forbidden("Only coordinators and organisation admins see the gap report.");
}

Result<GapReportRead> read_gap_report(GapReportReader& reader, const Actor& actor,
                                      const GapQueryDraft& draft, Timestamp now) {
  auto scope = gap_report_scope(actor);
  if (!scope) return scope.error();
  auto query = make_gap_query(draft, date_of(now));
  if (!query) return query.error();
  auto raw = reader.gather(*scope, *query, now);
  if (!raw) return raw.error();
  // Suppression runs where the read runs (the read pool): CPU work the I/O threads must not do.
  return GapReportRead{*query, publish(*raw)};
}

void record_gap_report_read(AuditTrail& audit, const GapQuery& query) {
  audit.record("stats.gaps", "gap_report", query.territory_id.value_or(""));
}

}  // namespace enlace::core
