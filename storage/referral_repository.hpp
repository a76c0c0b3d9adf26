// Referrals and their history. Every query is scoped in SQL by the caller's organisation and
// role: the sending side (caseworker or org_admin of from_org) or the receiving side (partner,
// caseworker or org_admin of to_org, never for a draft). A row the caller may not see never
// leaves SQLite, so "not yours" is a 404.
#pragma once

#include "core/codes.hpp"
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

// A referral as one caller sees it. Fields the caller's side may not see stay empty.
struct ReferralRecord {
  std::string id;
  bool sender_view = false;              // the caller reads it as the sending organisation
  std::optional<std::string> case_id;    // sender only
  std::string from_org, to_org;
  std::optional<std::string> service_id;
  std::string category;
  core::Urgency urgency = core::Urgency::normal;
  std::string reason;
  core::Status status = core::Status::draft;
  core::LegalBasis legal_basis = core::LegalBasis::consent;
  std::optional<std::string> consent_id;     // sender only
  std::optional<std::string> justification;  // sender only
  std::vector<core::SharedField> shared_fields;
  std::optional<std::string> snapshot;  // JSON of the shared fields, frozen when sent
  // Sender only: which needs go with "needs"/"specific_needs"; unset on referrals written
  // before the choice was stored (the default applies to them).
  std::optional<core::NeedsChoice> needs_choice;
  std::optional<core::Timestamp> respond_by, requested_at, responded_at, closed_at;
  std::optional<std::string> reason_code, outcome_code, outcome;
  std::optional<core::Timestamp> overdue_notified_at, reviewed_at;
  // Set when accepted, from the response standards' outcome_days (migration 13).
  std::optional<core::Timestamp> outcome_by;
  std::int64_t version = 1;
  core::Timestamp created_at{}, updated_at{};
};

struct NewReferral {
  std::string id, case_id, from_org, to_org;
  std::optional<std::string> service_id;
  std::string category;
  core::Urgency urgency = core::Urgency::normal;
  std::string reason;
  core::Status status = core::Status::requested;  // draft or requested
  core::LegalBasis legal_basis = core::LegalBasis::consent;
  std::optional<std::string> consent_id, justification;
  std::vector<core::SharedField> shared_fields;
  core::NeedsChoice needs_choice;           // kept for a draft's snapshot when it is sent
  std::optional<std::string> snapshot;      // set when created as requested
  std::optional<core::Timestamp> respond_by;  // set when created as requested (or given)
};

// A checked move (core::check_transition already passed). Sending a draft also freezes the
// snapshot under its lawful basis and sets the deadline.
struct TransitionChange {
  core::Status to = core::Status::requested;
  std::optional<std::string> reason_code, reason, outcome_code, outcome;
  std::optional<std::string> consent_id, snapshot;
  std::optional<core::Timestamp> respond_by;
  std::optional<core::Timestamp> outcome_by;  // set on acceptance
  // The sender records the external receiver's answer (the history says for whom).
  bool on_behalf = false;
};

// The history's actor when the server itself moves a referral (expiry as no_response).
inline constexpr std::string_view kSystemActor = "system";

struct HistoryEntry {
  std::optional<core::Status> from;
  core::Status to = core::Status::draft;
  core::Timestamp at{};
  std::string by_user, by_org;
  std::optional<std::string> by_display_name;
  std::optional<std::string> reason_code, reason, outcome_code, outcome;
  // Recorded by the sender on behalf of this (external) receiving organisation.
  std::optional<std::string> on_behalf_of;
};

enum class Box { inbox, outbox, review };

// A position in a box's order, the cursor: the overdue part is ordered by (due, seq), the
// rest by seq, newest first.
struct ListPosition {
  bool overdue = false;
  std::int64_t due = 0;  // due_at in milliseconds; overdue rows only
  std::int64_t seq = 0;
};

// Inbox/outbox order: overdue first, the most overdue (earliest deadline of its state:
// respond_by or outcome_by) first; then the rest newest first (insertion order: ids made in
// the same millisecond are not ordered). The cursor is the last row's position. A page reads
// about its own rows from indexes in that order (referral_list.cpp), not the whole box.
struct ReferralListQuery {
  Box box = Box::outbox;
  std::optional<std::string> status, category;
  std::optional<std::string> from_org, to_org;  // the other side (FHIR requester, owner)
  std::optional<core::Timestamp> updated_from, updated_before;  // updated_at in [from, before)
  std::optional<std::string> case_id;  // one case's referrals (the outbox only)
  bool overdue_only = false;
  int limit = 50;  // rows fetched: limit + 1
  std::optional<ListPosition> after;
};

struct ListedReferral {
  ReferralRecord referral;
  ListPosition position;  // the cursor's position; position.overdue is the overdue flag
};

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
