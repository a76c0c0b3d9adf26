// GET /api/v1/stats/gaps: the service-gap report, suppressed for publication, as JSON or CSV.
// Coordinators see every organisation's data and org_admins their own; nobody else.
#include "core/gap_report.hpp"
#include "core/use_cases/gap_report.hpp"
#include "gateway/app.hpp"
#include "gateway/csv.hpp"
#include "gateway/db_await.hpp"
#include "gateway/gap_report_format.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/port_jobs.hpp"
#include "gateway/router.hpp"
#include "gateway/routes.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

// Unknown parameters are refused: a misspelt `territory` must not silently widen the report.
core::Result<core::GapQueryDraft> read_draft(const Request& req) {
  core::FieldErrors errors;
  core::GapQueryDraft d;
  for (const auto& [name, value] : req.query) {
    if (name == "from") d.from = value;
    else if (name == "to") d.to = value;
    else if (name == "territory") d.territory = value;
    else if (name == "category") d.category = value;
    else if (name == "by") d.by = value;
    else errors.add(name.size() <= 40 ? name : name.substr(0, 40), "is not a parameter of this report");
  }
  if (!errors.empty()) return core::Error::invalid(std::move(errors));
  return d;
}

asio::awaitable<Response> get_gaps(Request& req) {
  // The route's gate, before the parameters are read; a refusal leaves "denied".
  if (auto scope = core::gap_report_scope(req.caller()); !scope)
    co_return refuse(req, scope.error(), "stats.gaps", "gap_report", "");
  auto draft = read_draft(req);
  if (!draft) co_return problem(req, draft.error());
  auto build = read_on(&core::ReadUnit::gap_report,
      [actor = req.caller(), d = *draft, now = req.now](core::GapReportReader& reader) {
        return core::read_gap_report(reader, actor, d, now);
      });
  auto read = co_await db_read(req.app->db, std::move(build));
  if (!read) co_return problem(req, read.error());
  const core::GapQuery& query = read->query;
  const core::PublishedGapReport& report = read->report;

  auto record = audit_job(req, [query](core::AuditTrail& trail) {
    core::record_gap_report_read(trail, query);
  });
  auto audited = co_await db_write(req.app->db, std::move(record));
  if (!audited) co_return problem(req, audited.error());

  if (wants_csv(req)) {
    Response res;
    res.status = 200;
    res.content_type = "text/csv; charset=utf-8; header=present";
    res.body = gap_report_csv(report);
    res.personal_data = true;  // aggregates of vulnerable people: never cached
    res.set("Content-Disposition", "attachment; filename=\"gap-report-" + core::format_date(query.from) +
                                       "-" + core::format_date(query.to) + ".csv\"");
    co_return res;
  }
  bj::value body = gap_report_json(report);
  co_return json(200, body, true);
}

}  // namespace

void add_stats_routes(Router& r) {
  r.add({"GET", "/api/v1/stats/gaps", Access::signed_in, get_gaps,
         "Service-gap report (coordinator: whole network; org_admin: own organisation); "
         "?from&to&territory&category&by; CSV with Accept: text/csv",
         "stats"})
      .param("from", "First day (YYYY-MM-DD)").param("to", "Last day (YYYY-MM-DD)").param("territory", "Territory id").param("category", "Category code").param("by", "Grouping").gives(200, "GapReport").gives(200, "", "text/csv");
}

}  // namespace enlace::gateway
