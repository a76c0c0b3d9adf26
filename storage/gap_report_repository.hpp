// The service-gap report's raw figures, counted from covering indexes in a few streamed passes.
//
// Definitions (PRODUCT.md "Service-gap monitoring"; the period [from, to] is whole UTC days):
// - Territory: the query's territory and its whole subtree (parent_id links); without one,
//   every territory. A case is placed by case_file.territory_id.
// - Demand: needs (case_need) assessed within the period in that place. A case has at most
//   one need per category, so per category demand counts cases; across categories (weekly
//   "all" rows, territory rows) it counts needs.
// - Referrals: referrals of cases in that place whose date, requested_at (created_at for a
//   draft, which was never requested), falls in the period, counted by their current state.
//   Their need may have been assessed before the period.
// - Rejections: those referrals now in state rejected, by reason_code.
// - Unmet: needs counted in demand that, now, have no referral of their case and category
//   outside draft, rejected, cancelled and failed (a draft was never sent, so it meets nothing).
// - Response hours: requested_at -> responded_at (first accepted/rejected) of the counted
//   referrals that have an answer.
// - Overdue: counted referrals in requested/received whose respond_by is before `now`.
// - Supply: active services accepting referrals of the category whose territories include the
//   query's territory, one of its ancestors (a province-wide service covers its towns) or one
//   of its descendants (a town's service serves the province's people); all such services
//   without a territory. Supply is the public directory: it is the same for every scope.
// - Weekly: ISO weeks (Monday start) by need date for demand and unmet, by referral date for
//   referrals; the period is whole ISO weeks (core::make_gap_query), so no week is cut.
// - Territories: one row per child of the territory (per top-level territory without one),
//   each for its subtree, plus a row for the territory itself when cases are recorded at
//   that level directly, so that the rows add up to the totals.
// - Groups (`by`): sex and nationality as recorded; age group at the need's date (for a
//   referral, the date of its case's need in that category, else the referral's date), from
//   the birth date or the estimate plus the years since it was made; "unknown" when neither
//   is recorded, so that groups add up to the totals. By nationality, a nationality of fewer
//   than 5 different cases counted in the groups (needs and referrals, every category) is
//   counted in the group "other", always listed last.
//
// Scope: a coordinator (GapScope without organisation) counts every organisation's data. An
// org_admin's scope counts only cases owned by their organisation (demand, unmet, groups of
// demand) and the referrals it sent (referral figures, placed by the territory of the case,
// and groups). The referrals it received from another organisation count in the category
// figures (by state, reason, response time, overdue) and weekly rows only: in no territory row
// and no group, and not at all when the report is asked for a territory, since each of those
// would tell the receiver where a person lives, or their sex, age or nationality, which the
// sender may not have shared.
//
// Nothing about a person leaves SQLite: the passes stream one row per need or referral holding
// only codes, a week number, a territory rowid, flags and a response duration, tallied as
// they arrive (a hash-table GROUP BY, faster than SQLite's sort); only the durations are
// kept, for the percentiles.
#pragma once

#include "core/gap_report.hpp"
#include "core/ports/gap_report_reader.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>

namespace enlace::storage {

using GapScope = core::GapScope;  // core/ports/gap_report_reader.hpp

class GapReportRepository {
 public:
  // Error::invalid naming "territory" or "category" when they do not exist.
  static core::Result<core::GapReport> gather(ReadTxn& tx, const GapScope& scope,
                                              const core::GapQuery& query, core::Timestamp now);
};

}  // namespace enlace::storage
