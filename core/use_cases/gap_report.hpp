// The service-gap report (API.md, Coordination; PRODUCT.md "Service-gap monitoring"):
// coordinators see the whole network's figures, org_admins their own organisation's, nobody
// else. The figures are suppressed for publication (core/gap_report_disclosure.hpp) before
// they leave the read. Reading leaves "stats.gaps" on the gap report, naming the territory (a
// public id) and nothing about any person, in a write of its own after the read; a refusal
// leaves it with outcome "denied", as the gateway audits refused reads.
#pragma once

#include "core/gap_report.hpp"
#include "core/gap_report_disclosure.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/gap_report_reader.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

namespace enlace::core {

// A coordinator's scope is the whole network; an org_admin's is their organisation; anyone
// else is forbidden.
Result<GapScope> gap_report_scope(const Actor& actor);

struct GapReportRead {
  GapQuery query;  // the period as the report covers it (whole ISO weeks)
  PublishedGapReport report;
};

// The report `draft` asks for, as of `now`: forbidden, then the query's checks, then the
// figures (a territory or category that does not exist is invalid). Records nothing:
// record_gap_report_read does.
Result<GapReportRead> read_gap_report(GapReportReader& reader, const Actor& actor,
                                      const GapQueryDraft& draft, Timestamp now);

// The read's "stats.gaps" event.
void record_gap_report_read(AuditTrail& audit, const GapQuery& query);

}  // namespace enlace::core
