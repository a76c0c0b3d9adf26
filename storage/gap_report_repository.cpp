// The gap report's SQL: a few passes, each streamed from covering indexes and tallied
// (migration 4), assembled here into core::GapReport. Definitions: gap_report_repository.hpp.
#include "storage/gap_report_repository.hpp"

#include "core/age_group.hpp"
#include "core/codes.hpp"
#include "core/disclosure_control.hpp"
#include "core/percentile.hpp"
#include "core/person_view.hpp"
#include "core/referral_status.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace enlace::storage {

namespace {

// Every territory of the report's place with the row it is counted in: a child of the query's
// territory (or a top-level territory when there is none) and all below it share that
// child's row; the territory itself is its own row. UNION, not UNION ALL: a cycle in the
// parent links cannot loop. ?1 is the territory id or NULL.
// Rows are named by the territory's rowid: a small integer is cheaper to tally than an id.
#define GAP_PLACES                                                                        \
  "WITH RECURSIVE place(id, row_id) AS ("                                                \
  "  SELECT id, rowid FROM territory WHERE id = ?1 OR (?1 IS NULL AND parent_id IS NULL)" \
  "  UNION"                                                                              \
  "  SELECT t.id, CASE WHEN place.id = ?1 THEN t.rowid ELSE place.row_id END"            \
  "    FROM territory t JOIN place ON t.parent_id = place.id) "

// The Monday of the ISO week of a millisecond timestamp, as a day number since 1970-01-01
// (a Thursday, hence the +3).
#define GAP_WEEK(ms) "((" ms ") / 86400000 - ((" ms ") / 86400000 + 3) % 7)"

// Whole years from date text b to date text d (YYYY-MM-DD), as core::age_on counts them:
// one less until the anniversary's month and day are reached.
#define GAP_YEARS(b, d)                                                                   \
  "(CAST(substr(" d ", 1, 4) AS INTEGER) - CAST(substr(" b ", 1, 4) AS INTEGER)"         \
  " - CASE WHEN substr(" d ", 6, 5) < substr(" b ", 6, 5) THEN 1 ELSE 0 END)"
// (PostgreSQL has this date() from migration 19's baseline.)
#define GAP_DAY(ms) "date((" ms ") / 1000, 'unixepoch')"
// Age on the day of `ms` (see core::age_group_on): the birth date first, else the estimate
// plus the years since it was made (an undated estimate counts as made that day); NULL when
// neither is recorded. A sealed birth date (with a key) is not readable here: its birth year
// stands in, with the birthday taken as 1 July (off by at most half a year; docs/SECURITY.md).
#define GAP_AGE(ms)                                                                         \
  "CASE WHEN substr(c.birth_date, 1, 1) BETWEEN '0' AND '9' THEN "                          \
  GAP_YEARS("c.birth_date", GAP_DAY(ms)) " WHEN c.birth_year IS NOT NULL THEN "              \
  GAP_YEARS("CAST(c.birth_year AS TEXT) || '-07-01'", GAP_DAY(ms))                          \
  " WHEN c.estimated_age IS NOT NULL THEN c.estimated_age + "                               \
  GAP_YEARS("COALESCE(c.estimated_on, " GAP_DAY(ms) ")", GAP_DAY(ms)) " END"
// ?7 names the disaggregation. The age is cast to text: a CASE has one type on PostgreSQL
// (text here, as sex and nationality are), and the age is read back as a number either way.
#define GAP_GROUP(ms)                                                                       \
  "CASE ?7 WHEN 'sex' THEN c.sex WHEN 'nationality' THEN c.nationality"                    \
  " WHEN 'age_group' THEN CAST(" GAP_AGE(ms) " AS TEXT) END"

// A need is unmet while it is open (not marked met, not withdrawn) and no referral of its case
// and category is neither unsent nor ended without service. Written as in the partial index
// referral_need_open so that SQLite uses it. Met and withdrawn needs still count as demand.
#define GAP_UNMET                                                                         \
  "n.status = 'open' AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.case_id = n.case_id" \
  " AND r.category = n.category"                                                          \
  " AND r.status NOT IN ('draft', 'rejected', 'cancelled', 'failed'))"

#define GAP_NEEDS_FROM                                                                    \
  " FROM case_need n INDEXED BY case_need_period"                                          \
  " CROSS JOIN case_file c INDEXED BY case_gap CROSS JOIN place p"                        \
  " WHERE c.id = n.case_id AND p.id = c.territory_id"                                     \
  " AND n.created_at >= ?2 AND n.created_at < ?3 AND (?4 IS NULL OR n.category = ?4)"     \
  " AND (?5 IS NULL OR c.organization_id = ?5)"

// CROSS JOIN and INDEXED BY pin the plan: the period's rows come from a covering date index
// first, then their case and place by key (EXPLAIN QUERY PLAN in docs/PERFORMANCE.md). Left to
// itself, without ANALYZE statistics, SQLite starts from the territories and reads whole
// case and referral rows whatever their date, several times slower.
//
// A referral's date: when it was requested; a draft's, when it was written. The expression is
// the one indexed by referral_gap.
//
// An org_admin's scope (?5) holds the referrals it sent and those it received. A received
// referral's person is not its organisation's: the report counts it by state, reason and
// response time only, never placed in a territory (the filter ?1 included) nor in a group.
#define GAP_REFERRAL_DATE "COALESCE(r.requested_at, r.created_at)"
#define GAP_REFERRALS_FROM                                                                 \
  " FROM referral r INDEXED BY referral_gap"                                                 \
  " CROSS JOIN case_file c INDEXED BY case_gap CROSS JOIN place p"
#define GAP_REFERRALS_WHERE                                                                \
  " WHERE c.id = r.case_id AND p.id = c.territory_id"                                      \
  " AND " GAP_REFERRAL_DATE " >= ?2 AND " GAP_REFERRAL_DATE " < ?3"                      \
  " AND (?4 IS NULL OR r.category = ?4)"                                                   \
  " AND (?5 IS NULL OR r.from_org = ?5 OR (r.to_org = ?5 AND ?1 IS NULL))"
// The need a referral answers, for the age at the need's date.
#define GAP_REFERRAL_NEED " LEFT JOIN case_need n ON n.case_id = r.case_id AND n.category = r.category"
#define GAP_REFERRAL_AGE_DATE "COALESCE(n.created_at, " GAP_REFERRAL_DATE ")"

// One row per need or referral, codes and numbers only (never an id): the passes below tally
// them in a hash table as they stream out. SQLite's own GROUP BY sorted every row first, which
// took two thirds of the report's time (docs/PERFORMANCE.md, "Gap report").
constexpr const char* kNeedsSql =
    GAP_PLACES "SELECT n.category, p.row_id, " GAP_WEEK("n.created_at") ", " GAP_UNMET
    GAP_NEEDS_FROM;

// The case's rowid tells people apart for the nationality rule (Assembler::fold_rare_groups).
constexpr const char* kNeedGroupsSql =
    GAP_PLACES "SELECT n.category, " GAP_GROUP("n.created_at") ", " GAP_UNMET ", c.rowid" GAP_NEEDS_FROM;

// Durations (requested -> responded, in milliseconds) are the only values kept one by one:
// the percentiles need them, never whose they are.
// Against the response standard: 0 not yet due, 1 answered late or never (expired as
// no_response, or past respond_by unanswered), 2 answered by respond_by.
#define GAP_STANDARD                                                                        \
  "CASE WHEN r.responded_at IS NOT NULL"                                                    \
  " THEN CASE WHEN r.respond_by IS NULL OR r.responded_at <= r.respond_by THEN 2 ELSE 1 END" \
  " WHEN r.reason_code = 'no_response' OR (r.status IN ('requested', 'received') AND r.respond_by < ?6)" \
  " THEN 1 ELSE 0 END"

constexpr const char* kReferralsSql =
    GAP_PLACES "SELECT r.category, p.row_id, " GAP_WEEK(GAP_REFERRAL_DATE) ", r.status, r.reason_code,"
    " r.status IN ('requested', 'received') AND r.respond_by < ?6, r.responded_at - r.requested_at,"
    " ?5 IS NOT NULL AND r.from_org <> ?5, r.outcome_code, " GAP_STANDARD
    GAP_REFERRALS_FROM GAP_REFERRALS_WHERE;

// Groups hold only the referrals of the scope's own cases: those it sent.
constexpr const char* kReferralGroupsSql =
    GAP_PLACES "SELECT r.category, " GAP_GROUP(GAP_REFERRAL_AGE_DATE) ", r.status, r.reason_code,"
    " r.status IN ('requested', 'received') AND r.respond_by < ?6, r.responded_at - r.requested_at,"
    " c.rowid, r.outcome_code, " GAP_STANDARD GAP_REFERRALS_FROM GAP_REFERRAL_NEED GAP_REFERRALS_WHERE " AND (?5 IS NULL OR r.from_org = ?5)";

// The person's latest word on each referral of the scope (POST /track/feedback).
constexpr const char* kPersonReportedSql =
    GAP_PLACES "SELECT r.category, f.outcome" GAP_REFERRALS_FROM
    " JOIN person_feedback f ON f.referral_id = r.id" GAP_REFERRALS_WHERE
    " AND f.rowid = (SELECT max(l.rowid) FROM person_feedback l WHERE l.referral_id = r.id)";

constexpr const char* kSupplySql = R"sql(
    WITH RECURSIVE below(id) AS (
      SELECT ?1 UNION SELECT t.id FROM territory t JOIN below ON t.parent_id = below.id),
    above(id) AS (
      SELECT parent_id FROM territory WHERE id = ?1
      UNION SELECT t.parent_id FROM territory t JOIN above ON t.id = above.id)
    SELECT s.category, count(*), sum(COALESCE(s.capacity, 0)) FROM service s
     WHERE s.status = 'active' AND s.accepting = 1 AND (?2 IS NULL OR s.category = ?2)
       AND (?1 IS NULL OR EXISTS (
             SELECT 1 FROM service_territory st WHERE st.service_id = s.id
                AND st.territory_id IN (SELECT id FROM below UNION SELECT id FROM above)))
     GROUP BY s.category)sql";

constexpr const char* kRowsSql = R"sql(
    SELECT rowid, id, name FROM territory
     WHERE (?1 IS NULL AND parent_id IS NULL) OR parent_id = ?1 OR id = ?1
     ORDER BY id = ?1 DESC, name, id)sql";

struct Params {
  std::optional<std::string> territory, category, organization;
  std::int64_t from_ms = 0, end_ms = 0, now_ms = 0;
  std::optional<core::Disaggregation> by;
};

void bind_common(Statement& st, const Params& p) {
  st.bind(1, p.territory);
  st.bind(2, p.from_ms);
  st.bind(3, p.end_ms);
  st.bind(4, p.category);
  st.bind(5, p.organization);
}

void bind_by(Statement& st, const Params& p) {
  if (p.by) st.bind(7, core::to_string(*p.by));
  else st.bind_null(7);
}

struct Counts {
  std::int64_t demand = 0, referrals = 0, unmet = 0;
};

// Every state and reason appears, zeros too: the table has the same shape for every query.
core::CategoryFigures empty_figures(const std::string& category) {
  core::CategoryFigures f;
  f.category = category;
  for (const auto& s : core::kStatusNames) f.referrals[std::string(s.name)] = 0;
  for (const auto& r : core::kRejectionReasonNames) f.rejections[std::string(r.name)] = 0;
  for (auto o : core::kFeedbackOutcomes) f.person_reported[std::string(o)] = 0;
  for (const auto& o : core::kOutcomeCodeNames) f.outcomes[std::string(o.name)] = 0;
  return f;
}

// The group label of nationalities too rare to name (Assembler::fold_rare_groups).
constexpr std::string_view kOtherGroup = "other";

void add_figures(core::CategoryFigures& into, const core::CategoryFigures& f) {
  into.demand += f.demand, into.unmet += f.unmet, into.overdue += f.overdue;
  for (const auto& [state, n] : f.referrals) into.referrals[state] += n;
  for (const auto& [reason, n] : f.rejections) into.rejections[reason] += n;
  for (const auto& [outcome, n] : f.person_reported) into.person_reported[outcome] += n;
  for (const auto& [code, n] : f.outcomes) into.outcomes[code] += n;
  into.due += f.due, into.answered_in_time += f.answered_in_time;
}

// Different cases seen per group code, kMinShownCount at most each: all the nationality rule
// needs to know, and a bound on what is kept.
class People {
 public:
  void saw(std::uint64_t group, std::int64_t case_rowid) {
    if (cases_.size() <= group) cases_.resize(group + 1);
    if (cases_[group].size() < static_cast<std::size_t>(core::kMinShownCount)) cases_[group].insert(case_rowid);
  }
  std::size_t size() const { return cases_.size(); }
  const std::set<std::int64_t>& of(std::uint64_t group) const { return cases_[group]; }

 private:
  std::vector<std::set<std::int64_t>> cases_;
};

struct TerritoryName {
  std::int64_t rowid;
  std::string id, name;
};

// Collects the tallies of each pass, then lays them out as the report.
class Assembler {
 public:
  explicit Assembler(const core::GapQuery& q) : query_(q) {}

  core::CategoryFigures& category(const std::string& c) {
    auto it = categories_.find(c);
    if (it == categories_.end()) it = categories_.emplace(c, empty_figures(c)).first;
    return it->second;
  }
  core::CategoryFigures& group(const std::string& g, const std::string& c) {
    auto& m = groups_[g];
    auto it = m.find(c);
    if (it == m.end()) it = m.emplace(c, empty_figures(c)).first;
    return it->second;
  }
  Counts& week(std::int64_t day, const std::string& c) { return weeks_[{day, c}]; }
  Counts& row(std::int64_t rowid) { return rows_[rowid]; }
  std::vector<double>& hours(const std::string& c) { return hours_[c]; }
  std::vector<double>& group_hours(const std::string& g, const std::string& c) {
    return group_hours_[g][c];
  }
  void add_people(const std::string& group, const std::set<std::int64_t>& cases) {
    people_[group].insert(cases.begin(), cases.end());
  }

  core::GapReport finish(const std::vector<TerritoryName>& territory_rows,
                         const std::optional<std::string>& self_id) {
    core::GapReport r;
    r.query = query_;
    std::vector<std::string> listed;
    for (auto& [code, f] : categories_) {
      bool any = f.demand > 0 || f.supply.services > 0;
      for (const auto& [state, n] : f.referrals) any = any || n > 0;
      if (!any) continue;
      f.response_hours = core::summarize_response_hours(std::move(hours_[code]));
      listed.push_back(code);
      r.categories.push_back(f);
    }

    for (auto day : core::iso_weeks(query_.from, query_.to)) {
      std::int64_t n = day.time_since_epoch().count();
      core::WeeklyRow all{day, std::nullopt, 0, 0, 0};
      std::vector<core::WeeklyRow> per;
      for (const auto& code : listed) {
        auto it = weeks_.find({n, code});
        Counts c = it == weeks_.end() ? Counts{} : it->second;
        per.push_back({day, code, c.demand, c.referrals, c.unmet});
        all.demand += c.demand, all.referrals += c.referrals, all.unmet += c.unmet;
      }
      r.weekly.push_back(all);
      r.weekly.insert(r.weekly.end(), per.begin(), per.end());
    }

    for (const auto& [rowid, id, name] : territory_rows) {
      Counts c = rows_.count(rowid) ? rows_[rowid] : Counts{};
      bool is_self = self_id && id == *self_id;
      if (is_self && c.demand == 0 && c.referrals == 0 && c.unmet == 0) continue;
      r.territories.push_back({id, name, c.demand, c.referrals, c.unmet});
    }

    if (query_.by == core::Disaggregation::nationality) fold_rare_groups();
    if (query_.by) {
      for (const auto& label : group_order()) {
        core::GroupFigures g{label, {}};
        for (const auto& code : listed) {
          core::CategoryFigures f = groups_[label].count(code) ? groups_[label][code] : empty_figures(code);
          f.response_hours = core::summarize_response_hours(std::move(group_hours_[label][code]));
          g.categories.push_back(std::move(f));
        }
        r.groups.push_back(std::move(g));
      }
    }
    return r;
  }

 private:
  // A nationality (or "unknown") is named only when the report counts at least kMinShownCount
  // different people of it, as a need or a referral in any category: a rarer one would point
  // at the only Eritrean family in town. The rest are counted together as "other", listed
  // whether or not it holds anyone, so that its presence says nothing either.
  void fold_rare_groups() {
    auto rare = [&](const std::string& label) {
      return label != kOtherGroup && people_[label].size() < static_cast<std::size_t>(core::kMinShownCount);
    };
    auto& other = groups_[std::string(kOtherGroup)];
    for (auto it = groups_.begin(); it != groups_.end();) {
      if (!rare(it->first)) {
        ++it;
        continue;
      }
      for (const auto& [code, f] : it->second) {
        auto found = other.find(code);
        if (found == other.end()) found = other.emplace(code, empty_figures(code)).first;
        add_figures(found->second, f);
      }
      it = groups_.erase(it);
    }
    for (auto it = group_hours_.begin(); it != group_hours_.end();) {
      if (!rare(it->first)) {
        ++it;
        continue;
      }
      for (auto& [code, hours] : it->second) {
        auto& into = group_hours_[std::string(kOtherGroup)][code];
        into.insert(into.end(), hours.begin(), hours.end());
      }
      it = group_hours_.erase(it);
    }
  }

  // Sex and age groups always list their standard values, in their natural order; any other
  // recorded value (and "unknown" ages) follows, so that the groups add up to the totals;
  // nationalities end with "other".
  std::vector<std::string> group_order() const {
    std::vector<std::string> out;
    if (*query_.by == core::Disaggregation::sex)
      for (const auto& s : core::kSexNames) out.emplace_back(s.name);
    if (*query_.by == core::Disaggregation::age_group)
      for (auto g : core::kAllAgeGroups) out.emplace_back(core::to_string(g));
    std::set<std::string> seen(out.begin(), out.end());
    for (const auto& [label, m] : groups_)
      if (!seen.count(label)) out.push_back(label);
    for (const auto& [label, m] : group_hours_)
      if (!seen.count(label) && !groups_.count(label)) out.push_back(label);
    auto other = std::find(out.begin(), out.end(), kOtherGroup);
    if (*query_.by == core::Disaggregation::nationality && other != out.end())
      std::rotate(other, other + 1, out.end());
    return out;
  }

  core::GapQuery query_;
  std::map<std::string, core::CategoryFigures> categories_;
  std::map<std::string, std::map<std::string, core::CategoryFigures>> groups_;
  std::map<std::pair<std::int64_t, std::string>, Counts> weeks_;
  std::map<std::int64_t, Counts> rows_;
  std::map<std::string, std::vector<double>> hours_;
  std::map<std::string, std::map<std::string, std::vector<double>>> group_hours_;
  std::map<std::string, std::set<std::int64_t>> people_;  // group label -> cases (see People)
};

double hours_of(std::int64_t ms) { return core::to_hours(std::chrono::milliseconds{ms}); }

// The few distinct texts of a column (categories, states, reasons, group labels) as small
// numbers, found by a linear scan: there are at most a few dozen.
class Codes {
 public:
  explicit Codes(std::size_t limit) : limit_(limit) {}
  std::uint64_t id(std::string_view s) {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == s) return i;
    // More codes than a key has bits for would mix tallies up: refuse instead.
    if (names_.size() == limit_) throw DbError{0, "too many distinct codes for the gap report"};
    names_.emplace_back(s);
    return names_.size() - 1;
  }
  const std::string& name(std::uint64_t i) const { return names_[i]; }

 private:
  std::vector<std::string> names_;
  std::size_t limit_;
};

// A streaming GROUP BY: rows are counted under a key packed from small numbers: a category
// (8 bits), a state and a reason (5 bits each), a group label (22 bits), and a week (a day
// number) or a territory rowid (24 bits) in the high bits.
struct Tally {
  struct Sums {
    std::int64_t n = 0, flagged = 0;  // flagged: unmet needs, or overdue referrals
  };
  std::unordered_map<std::uint64_t, Sums> sums;
  void add(std::uint64_t key, bool flag) {
    auto& t = sums[key];
    ++t.n;
    t.flagged += flag ? 1 : 0;
  }
};

constexpr std::size_t kCategoryCodes = 255, kStateCodes = 31, kGroupCodes = 1 << 22;
constexpr std::uint64_t kNoReason = 31;

std::uint64_t pack(std::uint64_t category, std::uint64_t state, std::uint64_t reason,
                   std::uint64_t group = 0) {
  return category | state << 8 | reason << 13 | group << 18;
}

// The outcome code (0 none, else its index + 1) and the standard's code (GAP_STANDARD) of a
// referral, in bits 40 to 44 of its key.
std::uint64_t outcome_and_standard(const Statement& st, int outcome_col, int standard_col) {
  std::uint64_t outcome = 0;
  if (!st.is_null(outcome_col))
    if (auto code = core::parse_outcome_code(st.text_view(outcome_col)))
      outcome = static_cast<std::uint64_t>(*code) + 1;
  return outcome << 40 | static_cast<std::uint64_t>(st.int64(standard_col)) << 43;
}
std::uint64_t field(std::uint64_t key, int shift, int bits) { return key >> shift & ((1ull << bits) - 1); }

std::string_view group_label_view(const Statement& st, int col, core::Disaggregation by) {
  if (st.is_null(col)) return "unknown";
  if (by == core::Disaggregation::age_group)
    return core::to_string(core::age_group_for(static_cast<int>(st.int64(col))));
  return st.text_view(col);
}

void count_needs(ReadTxn& tx, const Params& p, Assembler& a) {
  Codes categories(kCategoryCodes), groups(kGroupCodes);
  Tally by_week_row;
  auto st = tx.prepared(kNeedsSql);
  bind_common(st, p);
  while (st.step()) {
    auto week = static_cast<std::uint64_t>(st.int64(2));
    auto row = static_cast<std::uint64_t>(st.int64(1));
    by_week_row.add(categories.id(st.text_view(0)) | row << 8 | week << 32, st.int64(3) != 0);
  }
  for (const auto& [key, t] : by_week_row.sums) {
    const auto& code = categories.name(field(key, 0, 8));
    auto& f = a.category(code);
    f.demand += t.n, f.unmet += t.flagged;
    auto& w = a.week(static_cast<std::int64_t>(key >> 32), code);
    w.demand += t.n, w.unmet += t.flagged;
    auto& r = a.row(static_cast<std::int64_t>(field(key, 8, 24)));
    r.demand += t.n, r.unmet += t.flagged;
  }
  if (!p.by) return;
  Tally by_group;
  People people;
  const bool count_people = *p.by == core::Disaggregation::nationality;
  auto gs = tx.prepared(kNeedGroupsSql);
  bind_common(gs, p);
  bind_by(gs, p);
  while (gs.step()) {
    auto group = groups.id(group_label_view(gs, 1, *p.by));
    by_group.add(pack(categories.id(gs.text_view(0)), 0, 0, group), gs.int64(2) != 0);
    if (count_people) people.saw(group, gs.int64(3));
  }
  for (const auto& [key, t] : by_group.sums) {
    auto& f = a.group(groups.name(field(key, 18, 22)), categories.name(field(key, 0, 8)));
    f.demand += t.n, f.unmet += t.flagged;
  }
  for (std::uint64_t g = 0; g < people.size(); ++g) a.add_people(groups.name(g), people.of(g));
}

struct ReferralCodes {
  Codes categories{kCategoryCodes}, states{kStateCodes}, reasons{kStateCodes}, groups{kGroupCodes};
  // Reason "none" (NULL) is kept apart from every text code.
  std::uint64_t reason(const Statement& st, int col) {
    return st.is_null(col) ? kNoReason : reasons.id(st.text_view(col));
  }
  void add_to(core::CategoryFigures& f, std::uint64_t key, const Tally::Sums& t) const {
    const auto& state = states.name(field(key, 8, 5));
    auto reason = field(key, 13, 5);
    f.referrals[state] += t.n;
    if (state == "rejected")
      f.rejections[reason == kNoReason ? "unspecified" : reasons.name(reason)] += t.n;
    f.overdue += t.flagged;
    if (auto outcome = field(key, 40, 3))
      f.outcomes[std::string(core::to_string(static_cast<core::OutcomeCode>(outcome - 1)))] += t.n;
    auto standard = field(key, 43, 2);
    if (standard > 0) f.due += t.n;
    if (standard == 2) f.answered_in_time += t.n;
  }
};

void count_referrals(ReadTxn& tx, const Params& p, Assembler& a) {
  ReferralCodes codes;
  Tally by_state, by_week, by_row;
  std::vector<std::vector<double>> hours;
  auto st = tx.prepared(kReferralsSql);
  bind_common(st, p);
  st.bind(6, p.now_ms);
  while (st.step()) {
    auto category = codes.categories.id(st.text_view(0));
    bool overdue = st.int64(5) != 0;
    by_state.add(pack(category, codes.states.id(st.text_view(3)), codes.reason(st, 4)) |
                     outcome_and_standard(st, 8, 9),
                 overdue);
    by_week.add(category | static_cast<std::uint64_t>(st.int64(2)) << 8, false);
    if (st.int64(7) == 0) by_row.add(static_cast<std::uint64_t>(st.int64(1)), false);
    if (!st.is_null(6)) {
      if (hours.size() <= category) hours.resize(category + 1);
      hours[category].push_back(hours_of(st.int64(6)));
    }
  }
  for (const auto& [key, t] : by_state.sums)
    codes.add_to(a.category(codes.categories.name(field(key, 0, 8))), key, t);
  for (const auto& [key, t] : by_week.sums)
    a.week(static_cast<std::int64_t>(key >> 8), codes.categories.name(field(key, 0, 8))).referrals += t.n;
  for (const auto& [key, t] : by_row.sums) a.row(static_cast<std::int64_t>(key)).referrals += t.n;
  for (std::size_t c = 0; c < hours.size(); ++c) {
    auto& out = a.hours(codes.categories.name(c));
    out.insert(out.end(), hours[c].begin(), hours[c].end());
  }
  if (!p.by) return;

  Tally by_group;
  People people;
  const bool count_people = *p.by == core::Disaggregation::nationality;
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::vector<double>> group_hours;
  auto gs = tx.prepared(kReferralGroupsSql);
  bind_common(gs, p);
  gs.bind(6, p.now_ms);
  bind_by(gs, p);
  while (gs.step()) {
    auto category = codes.categories.id(gs.text_view(0));
    auto group = codes.groups.id(group_label_view(gs, 1, *p.by));
    by_group.add(pack(category, codes.states.id(gs.text_view(2)), codes.reason(gs, 3), group) |
                     outcome_and_standard(gs, 7, 8),
                 gs.int64(4) != 0);
    if (!gs.is_null(5)) group_hours[{group, category}].push_back(hours_of(gs.int64(5)));
    if (count_people) people.saw(group, gs.int64(6));
  }
  for (std::uint64_t g = 0; g < people.size(); ++g) a.add_people(codes.groups.name(g), people.of(g));
  for (const auto& [key, t] : by_group.sums)
    codes.add_to(a.group(codes.groups.name(field(key, 18, 22)), codes.categories.name(field(key, 0, 8))),
                 key, t);
  for (auto& [gc, values] : group_hours) {
    auto& out = a.group_hours(codes.groups.name(gc.first), codes.categories.name(gc.second));
    out.insert(out.end(), values.begin(), values.end());
  }
}

void count_person_reported(ReadTxn& tx, const Params& p, Assembler& a) {
  auto st = tx.prepared(kPersonReportedSql);
  bind_common(st, p);
  while (st.step()) a.category(st.text(0)).person_reported[st.text(1)] += 1;
}

void count_supply(ReadTxn& tx, const Params& p, Assembler& a) {
  auto st = tx.prepared(kSupplySql);
  st.bind(1, p.territory);
  st.bind(2, p.category);
  while (st.step()) {
    auto& f = a.category(st.text(0));
    f.supply.services = st.int64(1);
    f.supply.capacity = st.int64(2);
  }
}

std::vector<TerritoryName> territory_rows(ReadTxn& tx, const Params& p) {
  std::vector<TerritoryName> out;
  auto st = tx.prepared(kRowsSql);
  st.bind(1, p.territory);
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2)});
  return out;
}

bool exists(ReadTxn& tx, std::string_view sql, const std::string& key) {
  auto st = tx.prepared(sql);
  st.bind(1, key);
  return st.step();
}

}  // namespace

core::Result<core::GapReport> GapReportRepository::gather(ReadTxn& tx, const GapScope& scope,
                                                          const core::GapQuery& q,
                                                          core::Timestamp now) {
  // A storage failure propagates (DbError) to the one classification of db_read and the
  // command line: its message names SQL and schema, for the log, never for the reply.
  core::FieldErrors errors;
  if (q.territory_id && !exists(tx, "SELECT 1 FROM territory WHERE id = ?1", *q.territory_id))
    errors.add("territory", "does not exist");
  if (q.category && !exists(tx, "SELECT 1 FROM category WHERE code = ?1", *q.category))
    errors.add("category", "does not exist");
  if (!errors.empty()) return core::Error::invalid(std::move(errors));

  Params p;
  p.territory = q.territory_id;
  p.category = q.category;
  p.organization = scope.organization_id;
  p.from_ms = core::to_millis(core::Timestamp{q.from});
  p.end_ms = core::to_millis(core::Timestamp{q.to + std::chrono::days{1}});
  p.now_ms = core::to_millis(now);
  p.by = q.by;

  Assembler a(q);
  count_needs(tx, p, a);
  count_referrals(tx, p, a);
  count_person_reported(tx, p, a);
  count_supply(tx, p, a);
  return a.finish(territory_rows(tx, p), q.territory_id);
}

}  // namespace enlace::storage
