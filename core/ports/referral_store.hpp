// What the referral use cases read and write, as they need it (core/use_cases/). One object
// is bound to one transaction: every call of one use case commits or rolls back together.
// Scoping by the actor is the store's (in SQL for SQLite and PostgreSQL): a row the actor may
// not see is not_found, never returned. The adapters are storage/sql_referral_store.hpp.
#pragma once

#include "core/referral_list.hpp"
#include "core/referral_message.hpp"
#include "core/referral_record.hpp"
#include "core/respond_link_target.hpp"
#include "core/response_standards.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/service_listing.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

// A service a referral may be addressed to.
struct TargetService {
  std::string id;
  ServiceListing listing;
};

// The reads that sending a referral is decided on: a read snapshot serves them before the
// write (ReferralStore serves them inside it).
class SendingReads {
 public:
  virtual ~SendingReads() = default;

  // The need categories the network knows (make_referral_request checks against them).
  virtual std::vector<std::string> known_categories() = 0;
  // The case as `actor` sees it; not_found when it is not a case of theirs.
  virtual Result<CaseForReferral> find_case(const Actor& actor, const std::string& case_id) = 0;
  virtual bool organization_exists(const std::string& organization_id) = 0;
  virtual std::optional<TargetService> find_service(const std::string& service_id) = 0;
  // Every service of `category` whose territories cover `territory_id` (or an ancestor of
  // it), whatever its status: the caller filters.
  virtual std::vector<TargetService> services_covering(const std::string& category,
                                                       const std::string& territory_id) = 0;
  // The network's response standards (deadlines of answers and outcomes).
  virtual ResponseStandards response_standards() = 0;
  // What sending from the case relies on now; nullopt when it is not a case of `actor`'s.
  virtual std::optional<SendingBasis> sending_basis(const Actor& actor,
                                                    const std::string& case_id) = 0;
  // The referral as `actor` sees it; not_found when they may not see it.
  virtual Result<ReferralRecord> find_referral(const Actor& actor, const std::string& id) = 0;
};

class ReferralStore : public SendingReads {
 public:

  // Writes a new referral and its first history row; `actor` is its creator.
  virtual Result<ReferralRecord> insert_referral(const Actor& actor, const NewReferral& r,
                                                 Timestamp now) = 0;
  // Applies a checked move to `current` at its version (stale when it changed meanwhile),
  // with its history row.
  virtual Result<ReferralRecord> update_status(const Actor& actor, const ReferralRecord& current,
                                               const TransitionChange& change, Timestamp now) = 0;
  // The sending org_admin marks a vital-interest referral reviewed: not_found when the actor
  // cannot see it, forbidden for the receiving side, conflict when already reviewed or not
  // under vital interest.
  virtual Result<ReferralRecord> mark_reviewed(const Actor& actor, const std::string& id,
                                               Timestamp now) = 0;
  // The history of a referral this store returned.
  virtual std::vector<HistoryEntry> history(const ReferralRecord& found) = 0;
  // A message from `actor` on a referral this store returned to them.
  virtual MessageRecord insert_message(const Actor& actor, const std::string& message_id,
                                       const std::string& referral_id, const std::string& body,
                                       Timestamp now) = 0;
  // The thread of a referral this store returned to `actor`, oldest first, after `after_seq`:
  // up to limit + 1 messages (the extra one tells the caller a next page exists).
  virtual std::vector<MessageRecord> messages(const Actor& actor, const std::string& referral_id,
                                              std::int64_t after_seq, int limit) = 0;
  // The referral's tracking code (the sender's to give the person), if it was sent.
  virtual std::optional<std::string> tracking_code(const std::string& referral_id) = 0;
  // Until when the referral's respond links work (30 days after it ended), if it ended.
  virtual std::optional<Timestamp> respond_link_expiry(const std::string& referral_id) = 0;
  // Whether the referral's receiver is an organisation without accounts (respond link).
  virtual bool has_external_receiver(const std::string& referral_id) = 0;
  // The referral a live respond link opens, by the link token's hash: nullopt when no link has
  // it, or it was replaced, or it expired by `now`, or its organisation is no longer external.
  virtual std::optional<RespondLinkTarget> open_respond_link(const std::string& token_hash,
                                                             Timestamp now) = 0;
};

// Referral reads that need no write, on a read snapshot (off the writer): pages of the boxes.
class ReferralReader {
 public:
  virtual ~ReferralReader() = default;
  // The box's referrals the actor's side may see, in the box's order (core/referral_list.hpp)
  // after query.after: up to query.limit + 1 (the extra one tells the caller a next page
  // exists). The overdue part is the one whose deadline is before `now`. The caller checked
  // that the actor may use the box (core::may_list); a case filter narrows the outbox only.
  virtual Result<std::vector<ListedReferral>> list_referrals(const Actor& actor,
                                                             const ReferralListQuery& query,
                                                             Timestamp now) = 0;
};

}  // namespace enlace::core
