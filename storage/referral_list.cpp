// Inbox, outbox and review pages (ReferralRepository::list): overdue first, the most overdue
// first, then the rest newest first, read in two passes that each follow an index in the
// page's own order, so a page costs about its own rows whatever the size of the box
// (migrations 7, 13 and 20).
#include "core/access_policy.hpp"
#include "storage/referral_rows.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

namespace enlace::storage {

namespace {

// ?1 now, ?2-?4 the scope, ?5 status and ?6 category, ?8 how many, ?10 sender and ?11
// receiver organisation, ?12-?13 updated_at from/before (NULL: any), ?14 the case (bound only
// by the statements that name it).
#define ENLACE_LIST_FILTERS                                                            \
  " AND (?5 IS NULL OR r.status = ?5) AND (?6 IS NULL OR r.category = ?6)"            \
  " AND (?10 IS NULL OR r.from_org = ?10) AND (?11 IS NULL OR r.to_org = ?11)"        \
  " AND (?12 IS NULL OR r.updated_at >= ?12) AND (?13 IS NULL OR r.updated_at < ?13)"
// Past the deadline of its state (due_at, migration 13), from the box's deadline index: the
// seek to due_at < now skips every referral still within its deadline without reading it.
// ?7: the due_at to resume after.
#define ENLACE_LIST_OVERDUE(INDEX, BOX)                                                        \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid, r.due_at FROM referral r INDEXED BY " INDEX   \
  " WHERE " BOX " AND r.due_at < ?1 AND r.due_at > ?7" ENLACE_LIST_FILTERS                     \
  " ORDER BY r.due_at, r.rowid LIMIT ?8"
// The rest of the cursor's own deadline (?7), after its rowid (?9). Apart, because SQLite seeks
// a row value (due_at, rowid) > (?7, ?9) on its first column only: a page would walk every
// referral sharing that deadline up to its cursor, and a batch sent with one deadline can be
// the whole box (issue #15 item 6). `?7 < ?1` rather than `r.due_at < ?1`: the same rows,
// but no range the planner could prefer to the seek.
#define ENLACE_LIST_OVERDUE_TIED(INDEX, BOX)                                                   \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid, r.due_at FROM referral r INDEXED BY " INDEX   \
  " WHERE " BOX " AND ?7 < ?1 AND r.due_at = ?7 AND r.rowid > ?9" ENLACE_LIST_FILTERS          \
  " ORDER BY r.rowid LIMIT ?8"
// Everything else, newest first, skipping the overdue rows on the way. ?7: only rows below
// this rowid (a plain bound, so that a later page seeks to it instead of walking there).
#define ENLACE_LIST_PUNCTUAL(INDEX, BOX)                                                       \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid, r.due_at FROM referral r INDEXED BY " INDEX   \
  " WHERE " BOX " AND (r.due_at IS NULL OR r.due_at >= ?1)" ENLACE_LIST_FILTERS                \
  " AND r.rowid < ?7 ORDER BY r.rowid DESC LIMIT ?8"
// Whether the overdue notice for the referral's deadline went out (the scanner's mark, which
// unlike "overdue" does not change with the clock): a box's waiting index leaves these out, so
// the pass above skips only the referrals overdue for less than a scan, not a whole run of
// overdue ones (migration 20). The conditions must match its indexes.
#define ENLACE_WAITING \
  "(r.due_at IS NULL OR r.overdue_notified_at IS NULL OR r.overdue_notified_at < r.due_at)"
#define ENLACE_NOTICED "r.overdue_notified_at >= r.due_at"
// The noticed referrals back within their deadline (a clock set back): a range of the noticed
// index that is empty in practice, merged into the page by rowid.
#define ENLACE_LIST_NOTICED_PUNCTUAL(INDEX, BOX)                                               \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid, r.due_at FROM referral r INDEXED BY " INDEX   \
  " WHERE " BOX " AND " ENLACE_NOTICED " AND r.due_at >= ?1" ENLACE_LIST_FILTERS               \
  " AND r.rowid < ?7 ORDER BY r.rowid DESC LIMIT ?8"
#define ENLACE_OUTBOX "r.from_org = ?2 AND ?3"
#define ENLACE_INBOX "r.to_org = ?2 AND ?4 AND r.status <> 'draft'"
#define ENLACE_REVIEW ENLACE_OUTBOX " AND r.legal_basis = 'vital_interest' AND r.reviewed_at IS NULL"
#define ENLACE_CASE ENLACE_OUTBOX " AND r.case_id = ?14"

struct BoxStatements {
  const char* overdue;
  const char* overdue_tied;  // resuming inside the cursor's deadline
  const char* punctual;
  const char* punctual_noticed;  // with `punctual` from a waiting index; else null
  const char* punctual_of_status;  // the status filter set: (org, status) is in rowid order
};

constexpr BoxStatements kOutbox{
    ENLACE_LIST_OVERDUE("referral_from_due", ENLACE_OUTBOX),
    ENLACE_LIST_OVERDUE_TIED("referral_from_due", ENLACE_OUTBOX),
    ENLACE_LIST_PUNCTUAL("referral_from_waiting", ENLACE_OUTBOX " AND " ENLACE_WAITING),
    ENLACE_LIST_NOTICED_PUNCTUAL("referral_from_noticed", ENLACE_OUTBOX),
    ENLACE_LIST_PUNCTUAL("referral_from_status", ENLACE_OUTBOX " AND r.status = ?5")};
constexpr BoxStatements kInbox{
    ENLACE_LIST_OVERDUE("referral_to_due", ENLACE_INBOX),
    ENLACE_LIST_OVERDUE_TIED("referral_to_due", ENLACE_INBOX),
    ENLACE_LIST_PUNCTUAL("referral_to_waiting", ENLACE_INBOX " AND " ENLACE_WAITING),
    ENLACE_LIST_NOTICED_PUNCTUAL("referral_to_noticed", ENLACE_INBOX),
    ENLACE_LIST_PUNCTUAL("referral_to_status", ENLACE_INBOX " AND r.status = ?5")};
// A case's referrals (the case page): a short list, from the case's index.
constexpr BoxStatements kOutboxOfCase{
    ENLACE_LIST_OVERDUE("referral_case", ENLACE_CASE),
    ENLACE_LIST_OVERDUE_TIED("referral_case", ENLACE_CASE),
    ENLACE_LIST_PUNCTUAL("referral_case", ENLACE_CASE),
    nullptr,
    ENLACE_LIST_PUNCTUAL("referral_case", ENLACE_CASE)};
// A short list: its one index serves every filter.
constexpr BoxStatements kReview{
    ENLACE_LIST_OVERDUE("referral_review", ENLACE_REVIEW),
    ENLACE_LIST_OVERDUE_TIED("referral_review", ENLACE_REVIEW),
    ENLACE_LIST_PUNCTUAL("referral_review", ENLACE_REVIEW),
    nullptr,
    ENLACE_LIST_PUNCTUAL("referral_review", ENLACE_REVIEW)};

struct Pass {
  const char* sql;
  bool overdue;
  ListPosition after;  // overdue: rows after (due, seq); else rows below seq
  int limit;
  bool tied = false;  // overdue: the rows of the deadline `after.due` after `after.seq`
};

// No cursor yet: every position comes after it (overdue) or below it (the rest).
constexpr std::int64_t kLowest = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kFromTheNewest = std::numeric_limits<std::int64_t>::max();

std::optional<std::int64_t> millis(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return core::to_millis(*t);
}

void read_pass(ReadTxn& tx, const Pass& p, const ReferralScope& scope, const ReferralListQuery& q,
               core::Timestamp now, std::vector<ListedReferral>& out) {
  auto st = tx.prepared(p.sql);
  st.bind(1, core::to_millis(now));
  bind_referral_scope(st, scope);
  st.bind(5, q.status);
  st.bind(6, q.category);
  st.bind(7, p.overdue ? p.after.due : p.after.seq);
  st.bind(8, p.limit);
  if (p.tied) st.bind(9, p.after.seq);
  st.bind(10, q.from_org);
  st.bind(11, q.to_org);
  st.bind(12, millis(q.updated_from));
  st.bind(13, millis(q.updated_before));
  if (q.case_id) st.bind(14, *q.case_id);
  while (st.step()) {
    ListPosition at{p.overdue, st.is_null(kReferralColumnCount + 1) ? 0 : st.int64(kReferralColumnCount + 1),
                    st.int64(kReferralColumnCount)};
    out.push_back({read_referral(st), at});
  }
}

// Merges `more` into out's rows from `first` on, both newest first, keeping `limit` of them.
void merge_newest_first(std::vector<ListedReferral>& out, std::size_t first,
                        std::vector<ListedReferral> more, int limit) {
  std::vector<ListedReferral> merged;
  merged.reserve(out.size() - first + more.size());
  std::merge(std::make_move_iterator(out.begin() + static_cast<std::ptrdiff_t>(first)),
             std::make_move_iterator(out.end()), std::make_move_iterator(more.begin()),
             std::make_move_iterator(more.end()), std::back_inserter(merged),
             [](const ListedReferral& a, const ListedReferral& b) {
               return a.position.seq > b.position.seq;
             });
  if (merged.size() > static_cast<std::size_t>(limit))
    merged.erase(merged.begin() + limit, merged.end());
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.insert(out.end(), std::make_move_iterator(merged.begin()),
             std::make_move_iterator(merged.end()));
}

// Only referrals with a deadline in their state can be overdue (core::due_at).
bool may_be_overdue(const std::optional<std::string>& status) {
  if (!status) return true;
  auto s = core::parse_status(*status);
  return s && core::due_at(*s, core::Timestamp{}, core::Timestamp{}).has_value();
}

}  // namespace

std::vector<ListedReferral> ReferralRepository::list(ReadTxn& tx, const core::Actor& actor,
                                                     const ReferralListQuery& q,
                                                     core::Timestamp now) {
  // Receivers never see case ids: a case filter narrows the outbox only (the caller checks).
  const BoxStatements& sql = q.box == Box::outbox ? (q.case_id ? kOutboxOfCase : kOutbox)
                             : q.box == Box::inbox ? kInbox
                                                   : kReview;
  ReferralScope scope = referral_scope(actor);
  // Review is the sending org_admin's list only.
  if (q.box == Box::review)
    scope.sender = core::can_review_vital_interest(actor, actor.organization_id);
  const int wanted = q.limit + 1;
  std::vector<ListedReferral> out;
  // The cursor names the pass to resume and the position to resume after.
  const bool past_overdue = q.after && !q.after->overdue;
  if (!past_overdue && may_be_overdue(q.status)) {
    const ListPosition after = q.after ? *q.after : ListPosition{true, kLowest, kLowest};
    if (q.after) read_pass(tx, {sql.overdue_tied, true, after, wanted, true}, scope, q, now, out);
    const int rest = wanted - static_cast<int>(out.size());
    if (rest > 0) read_pass(tx, {sql.overdue, true, after, rest}, scope, q, now, out);
  }
  const int left = wanted - static_cast<int>(out.size());
  if (!q.overdue_only && left > 0) {
    const ListPosition below{false, 0, past_overdue ? q.after->seq : kFromTheNewest};
    const std::size_t first = out.size();
    read_pass(tx, {q.status ? sql.punctual_of_status : sql.punctual, false, below, left}, scope,
              q, now, out);
    if (!q.status && sql.punctual_noticed) {
      std::vector<ListedReferral> noticed;
      read_pass(tx, {sql.punctual_noticed, false, below, left}, scope, q, now, noticed);
      if (!noticed.empty()) merge_newest_first(out, first, std::move(noticed), left);
    }
  }
  return out;
}

}  // namespace enlace::storage
