// Inbox, outbox and review pages (ReferralRepository::list): overdue first, then newest first,
// read in two passes that each follow an index in the page's own order, so a page costs about
// its own rows whatever the size of the box (migration 7).
#include "core/access_policy.hpp"
#include "storage/referral_rows.hpp"

#include <limits>

namespace enlace::storage {

namespace {

// ?1 now, ?2-?4 the scope, ?5 status and ?6 category (NULL: any), ?7 only rows below this
// rowid (a plain bound, so that a later page seeks to it instead of walking there), ?8 how
// many, ?9 sender and ?10 receiver organisation, ?11-?12 updated_at from/before (NULL: any).
#define ENLACE_LIST_FILTERS                                                                 \
  " AND (?5 IS NULL OR r.status = ?5) AND (?6 IS NULL OR r.category = ?6)"                 \
  " AND (?9 IS NULL OR r.from_org = ?9) AND (?10 IS NULL OR r.to_org = ?10)"               \
  " AND (?11 IS NULL OR r.updated_at >= ?11) AND (?12 IS NULL OR r.updated_at < ?12)"      \
  " AND r.rowid < ?7 ORDER BY r.rowid DESC LIMIT ?8"
// Open and past the deadline, from the box's open referrals newest first: those still within
// their deadline are skipped, and they are the newest few, not the box.
#define ENLACE_LIST_OVERDUE(INDEX, BOX)                                                         \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid FROM referral r INDEXED BY " INDEX " WHERE " BOX \
  " AND r.status IN ('requested','received') AND r.respond_by < ?1" ENLACE_LIST_FILTERS
// Everything else, newest first, skipping the overdue rows on the way.
#define ENLACE_LIST_PUNCTUAL(INDEX, BOX)                                                        \
  "SELECT " ENLACE_REFERRAL_COLUMNS ", r.rowid FROM referral r INDEXED BY " INDEX " WHERE " BOX \
  " AND (r.status NOT IN ('requested','received') OR r.respond_by IS NULL"                     \
  " OR r.respond_by >= ?1)" ENLACE_LIST_FILTERS
#define ENLACE_OUTBOX "r.from_org = ?2 AND ?3"
#define ENLACE_INBOX "r.to_org = ?2 AND ?4 AND r.status <> 'draft'"
#define ENLACE_REVIEW ENLACE_OUTBOX " AND r.legal_basis = 'vital_interest' AND r.reviewed_at IS NULL"

struct BoxStatements {
  const char* overdue;
  const char* punctual;
  const char* punctual_of_status;  // the status filter set: (org, status) is in rowid order
};

constexpr BoxStatements kOutbox{
    ENLACE_LIST_OVERDUE("referral_from_open", ENLACE_OUTBOX),
    ENLACE_LIST_PUNCTUAL("referral_from_seq", ENLACE_OUTBOX),
    ENLACE_LIST_PUNCTUAL("referral_from_status", ENLACE_OUTBOX " AND r.status = ?5")};
constexpr BoxStatements kInbox{
    ENLACE_LIST_OVERDUE("referral_to_open", ENLACE_INBOX),
    ENLACE_LIST_PUNCTUAL("referral_to_seq", ENLACE_INBOX),
    ENLACE_LIST_PUNCTUAL("referral_to_status", ENLACE_INBOX " AND r.status = ?5")};
// A short list: its one index serves every filter.
constexpr BoxStatements kReview{
    ENLACE_LIST_OVERDUE("referral_review", ENLACE_REVIEW),
    ENLACE_LIST_PUNCTUAL("referral_review", ENLACE_REVIEW),
    ENLACE_LIST_PUNCTUAL("referral_review", ENLACE_REVIEW)};

struct Pass {
  const char* sql;
  bool overdue;
  std::int64_t below;  // rows below this rowid only
  int limit;
};

// No cursor yet: every rowid is below it.
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
  st.bind(7, p.below);
  st.bind(8, p.limit);
  st.bind(9, q.from_org);
  st.bind(10, q.to_org);
  st.bind(11, millis(q.updated_from));
  st.bind(12, millis(q.updated_before));
  while (st.step()) out.push_back({read_referral(st), p.overdue, st.int64(kReferralColumnCount)});
}

// Only requested and received referrals can be overdue.
bool may_be_overdue(const std::optional<std::string>& status) {
  if (!status) return true;
  auto s = core::parse_status(*status);
  return s == core::Status::requested || s == core::Status::received;
}

}  // namespace

std::vector<ListedReferral> ReferralRepository::list(ReadTxn& tx, const core::Actor& actor,
                                                     const ReferralListQuery& q,
                                                     core::Timestamp now) {
  const BoxStatements& sql = q.box == Box::outbox ? kOutbox
                             : q.box == Box::inbox ? kInbox
                                                   : kReview;
  ReferralScope scope = referral_scope(actor);
  // Review is the sending org_admin's list only.
  if (q.box == Box::review)
    scope.sender = core::can_review_vital_interest(actor, actor.organization_id);
  const int wanted = q.limit + 1;
  std::vector<ListedReferral> out;
  // The cursor (overdue flag, seq) names the pass to resume and the rowid to resume below.
  const bool past_overdue = q.after && !q.after->first;
  if (!past_overdue && may_be_overdue(q.status)) {
    const std::int64_t below = q.after ? q.after->second : kFromTheNewest;
    read_pass(tx, {sql.overdue, true, below, wanted}, scope, q, now, out);
  }
  const int left = wanted - static_cast<int>(out.size());
  if (!q.overdue_only && left > 0) {
    const std::int64_t below = past_overdue ? q.after->second : kFromTheNewest;
    read_pass(tx, {q.status ? sql.punctual_of_status : sql.punctual, false, below, left}, scope,
              q, now, out);
  }
  return out;
}

}  // namespace enlace::storage
