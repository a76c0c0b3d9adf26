// Referrals and their history. Every query is scoped in SQL by the caller's organisation and
// role: the sending side (caseworker or org_admin of from_org) or the receiving side (partner,
// caseworker or org_admin of to_org, never for a draft). A row the caller may not see never
// leaves SQLite, so "not yours" is a 404.
#pragma once

#include "core/codes.hpp"
#include "core/referral_list.hpp"
#include "core/referral_record.hpp"
#include "core/referral_status.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/shared_snapshot.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enlace::storage {

// The records live in core (core/referral_record.hpp) since the use cases and their ports
// speak them; storage names them here for its callers.
using core::CaseForReferral;
using core::HistoryEntry;
using core::kSystemActor;
using core::NewReferral;
using core::ReferralRecord;
using core::TransitionChange;

// A page of a box (ReferralRepository::list) in core's words (core/referral_list.hpp), since
// the list use case and its port speak them.
using core::Box;
using core::ListedReferral;
using core::ListPosition;
using core::ReferralListQuery;

// A referral that just became overdue and whose notice goes out now (ids only).
struct OverdueNotice {
  std::string id, from_org, to_org;
  core::Status status = core::Status::requested;
  std::int64_t version = 1;
};

class ReferralRepository {
 public:
  // Writes the referral and its first history row; the actor is its creator.
  static core::Result<ReferralRecord> insert(WriteTxn& tx, const core::Actor& actor,
                                             const NewReferral& r, core::Timestamp now);
  static core::Result<ReferralRecord> find(ReadTxn& tx, const core::Actor& actor,
                                           const std::string& id);
  // The same scoping, inside the write that will change it.
  static core::Result<ReferralRecord> find_for_update(WriteTxn& tx, const core::Actor& actor,
                                                      const std::string& id);
  // Applies a checked move at `version` (else stale), with its history row and timestamps.
  static core::Result<ReferralRecord> transition(WriteTxn& tx, const core::Actor& actor,
                                                 const ReferralRecord& current,
                                                 const TransitionChange& change,
                                                 core::Timestamp now);
  // The history of a referral the caller already found (find/find_for_update did the scoping).
  static std::vector<HistoryEntry> history(ReadTxn& tx, const ReferralRecord& found);
  static std::vector<HistoryEntry> history(WriteTxn& tx, const ReferralRecord& found);

  // A page of a box, on a read snapshot: listings never wait for the writer.
  static std::vector<ListedReferral> list(ReadTxn& tx, const core::Actor& actor,
                                          const ReferralListQuery& q, core::Timestamp now);

  // The sending org_admin marks a vital-interest referral reviewed; not_found when the caller
  // cannot see it, forbidden for the receiving side, conflict when already reviewed or not
  // under vital interest.
  static core::Result<ReferralRecord> mark_reviewed(WriteTxn& tx, const core::Actor& actor,
                                                    const std::string& id, core::Timestamp now);

  // Up to `limit` overdue referrals (past respond_by or outcome_by) whose notice is due, the
  // longest due first: the first notice once the deadline passed, then one every
  // `remind_every` while they stay overdue. Marks them notified and returns them
  // (network-wide: a system task, not a caller's query; ids only). Bounded so that one writer
  // job never holds up the others.
  static std::vector<OverdueNotice> take_overdue(WriteTxn& tx, core::Timestamp now,
                                                 std::chrono::minutes remind_every, int limit);
  // Up to `limit` referrals still requested or received whose respond_by is before
  // `deadline_before`: closes them as rejected with reason_code no_response, by the system
  // (history actor kSystemActor), and returns them as they are now.
  static std::vector<OverdueNotice> expire_unanswered(WriteTxn& tx, core::Timestamp now,
                                                      core::Timestamp deadline_before, int limit);
  // Every referral overdue now (the metrics gauge): reads the overdue range of the deadline
  // index.
  static std::int64_t count_overdue(ReadTxn& tx, core::Timestamp now);
};

}  // namespace enlace::storage
