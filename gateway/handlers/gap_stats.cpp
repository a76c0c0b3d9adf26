// GET /api/v1/stats/gaps: the service-gap report, suppressed for publication, as JSON or CSV.
// Coordinators see every organisation's data and org_admins their own; nobody else.
#include "core/gap_report.hpp"
#include "core/gap_report_disclosure.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/gap_report_format.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/router.hpp"
#include "gateway/routes.hpp"
#include "storage/audit_log.hpp"
#include "storage/gap_report_repository.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

// A coordinator's scope is the whole network; an org_admin's is their organisation.
std::optional<storage::GapScope> scope_of(const core::Actor& a) {
  if (a.has(core::Role::coordinator)) return storage::GapScope{};
  if (a.has(core::Role::org_admin) && !a.organization_id.empty())
    return storage::GapScope{a.organization_id};
  return std::nullopt;
}

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

bool wants_csv(const Request& req) {
  auto accept = req.header("accept");
  return accept && accept->find("text/csv") != std::string_view::npos;
}

asio::awaitable<core::Result<bool>> audit(App& app, core::AuditEvent event) {
  auto write = [event = std::move(event)](storage::WriteTxn& tx) -> core::Result<bool> {
    storage::append_audit(tx, event);
    return true;
  };
  co_return co_await db_write(app.db, std::move(write));
}

asio::awaitable<Response> get_gaps(Request& req) {
  App& app = *req.app;
  auto ctx = audit_context(req);
  auto scope = scope_of(req.caller());
  if (!scope) {
    auto denied = ctx.event("stats.gaps", "gap_report", "", "denied");
    auto audited = co_await audit(app, std::move(denied));
    (void)audited;  // the 403 goes out either way
    co_return problem(req, core::Error::forbidden("Only coordinators and organisation admins see the gap report."));
  }
  auto draft = read_draft(req);
  if (!draft) co_return problem(req, draft.error());
  auto query = core::make_gap_query(*draft, core::date_of(req.now));
  if (!query) co_return problem(req, query.error());

  // Suppression runs on the read-pool thread too: it is CPU work the I/O threads must not do.
  auto build = [scope = *scope, q = *query, now = req.now](storage::ReadTxn& tx)
      -> core::Result<core::PublishedGapReport> {
    auto raw = storage::GapReportRepository::gather(tx, scope, q, now);
    if (!raw) return raw.error();
    return core::publish(*raw);
  };
  auto report = co_await db_read(app.db, std::move(build));
  if (!report) co_return problem(req, report.error());

  // The event names the territory (a public id) and nothing about any person.
  std::string territory = query->territory_id.value_or("");
  auto read = ctx.event("stats.gaps", "gap_report", territory, "ok");
  auto audited = co_await audit(app, std::move(read));
  if (!audited) co_return problem(req, audited.error());

  if (wants_csv(req)) {
    Response res;
    res.status = 200;
    res.content_type = "text/csv; charset=utf-8; header=present";
    res.body = gap_report_csv(*report);
    res.personal_data = true;  // aggregates of vulnerable people: never cached
    res.set("Content-Disposition", "attachment; filename=\"gap-report-" + core::format_date(query->from) +
                                       "-" + core::format_date(query->to) + ".csv\"");
    co_return res;
  }
  bj::value body = gap_report_json(*report);
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
