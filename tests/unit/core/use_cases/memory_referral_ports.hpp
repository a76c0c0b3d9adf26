// In-memory referral ports for the use-case tests: the store scopes like the SQLite one (the
// sending side is a caseworker or org_admin of from_org, the receiving side a partner,
// caseworker or org_admin of to_org and never for a draft; anything else is not_found), and
// the audit trail and notices keep what they were given, so a test reads what a use case left.
#pragma once

#include "core/access_policy.hpp"
#include "core/ports/tracking_store.hpp"
#include "core/use_cases/referral_ports.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace enlace::core::testing {

class MemoryReferralStore final : public ReferralStore, public ReferralReader, public TrackingStore {
 public:
  std::vector<std::string> categories = {"shelter", "health", "legal"};
  std::map<std::string, CaseForReferral> cases;
  std::set<std::string> organizations;
  std::map<std::string, TargetService> services;
  ResponseStandards standards;
  std::set<std::string> external_receivers;  // referral ids
  // The rows as written, whoever may see them, and what was frozen when sent.
  std::map<std::string, ReferralRecord> referrals;
  std::map<std::string, SharedSnapshot> snapshots;
  std::map<std::string, std::vector<HistoryEntry>> histories;
  std::map<std::string, std::vector<MessageRecord>> thread;
  std::vector<std::string> inserted;  // referral ids in insertion order: a row's seq is its place + 1
  std::vector<ReferralListQuery> list_queries;  // what list_referrals was asked, in order

  std::vector<std::string> known_categories() override { return categories; }

  int case_reads = 0;  // find_case calls: whether a write decided sending itself
  Result<CaseForReferral> find_case(const Actor& actor, const std::string& case_id) override {
    ++case_reads;
    auto it = cases.find(case_id);
    if (it == cases.end() || !can_manage_case(actor, it->second.organization_id))
      return Error::not_found("case");
    return it->second;
  }
  bool organization_exists(const std::string& id) override {
    return organizations.count(id) > 0;
  }
  std::optional<TargetService> find_service(const std::string& id) override {
    auto it = services.find(id);
    if (it == services.end()) return std::nullopt;
    return it->second;
  }
  std::vector<TargetService> services_covering(const std::string& category,
                                               const std::string& territory_id) override {
    std::vector<TargetService> out;
    for (const auto& [id, s] : services)
      if (s.listing.category == category &&
          std::find(s.listing.territory_ids.begin(), s.listing.territory_ids.end(),
                    territory_id) != s.listing.territory_ids.end())
        out.push_back(s);
    return out;
  }
  ResponseStandards response_standards() override { return standards; }
  // A test that changes `standards` or a case bumps its version, as the SQL store does; a
  // consent's version is 1, then 2 once withdrawn.
  std::int64_t standards_version = 1;
  std::optional<SendingBasis> sending_basis(const Actor& actor,
                                            const std::string& case_id) override {
    auto it = cases.find(case_id);
    if (it == cases.end() || !can_manage_case(actor, it->second.organization_id))
      return std::nullopt;
    SendingBasis b{it->second.version, {}, standards_version};
    for (const auto& c : it->second.consents) b.consents.emplace_back(c.id, c.withdrawn_at ? 2 : 1);
    std::sort(b.consents.begin(), b.consents.end());
    return b;
  }

  Result<ReferralRecord> find_referral(const Actor& actor, const std::string& id) override {
    auto it = referrals.find(id);
    if (it == referrals.end()) return Error::not_found("referral");
    ReferralRecord r = it->second;
    const bool sender = acts_for(actor, Role::caseworker, r.from_org) ||
                        acts_for(actor, Role::org_admin, r.from_org);
    const bool receiver = r.status != Status::draft &&
                          (acts_for(actor, Role::partner, r.to_org) ||
                           acts_for(actor, Role::caseworker, r.to_org) ||
                           acts_for(actor, Role::org_admin, r.to_org));
    if (!sender && !receiver) return Error::not_found("referral");
    r.sender_view = sender;
    if (!sender) {
      r.case_id.reset();
      r.consent_id.reset();
      r.justification.reset();
      r.needs_choice.reset();
    }
    return r;
  }

  Result<ReferralRecord> insert_referral(const Actor& actor, const NewReferral& n,
                                         Timestamp now) override {
    ReferralRecord r;
    r.id = n.id;
    r.case_id = n.case_id;
    r.from_org = n.from_org;
    r.to_org = n.to_org;
    r.service_id = n.service_id;
    r.category = n.category;
    r.urgency = n.urgency;
    r.reason = n.reason;
    r.status = n.status;
    r.legal_basis = n.legal_basis;
    r.consent_id = n.consent_id;
    r.justification = n.justification;
    r.shared_fields = n.shared_fields;
    r.needs_choice = n.needs_choice;
    r.respond_by = n.respond_by;
    if (n.status == Status::requested) r.requested_at = now;
    r.created_at = r.updated_at = now;
    keep_snapshot(r, n.snapshot);
    referrals[r.id] = r;
    inserted.push_back(r.id);
    add_history(r.id, actor, std::nullopt, n.status, now);
    return find_referral(actor, r.id);
  }

  Result<ReferralRecord> update_status(const Actor& actor, const ReferralRecord& current,
                                       const TransitionChange& c, Timestamp now) override {
    auto it = referrals.find(current.id);
    if (it == referrals.end() || it->second.version != current.version) return Error::stale();
    ReferralRecord& r = it->second;
    const Status from = r.status;
    r.status = c.to;
    r.version += 1;
    r.updated_at = now;
    if (c.to == Status::requested) {
      r.requested_at = now;
      r.consent_id = c.consent_id;
      r.respond_by = c.respond_by;
      keep_snapshot(r, c.snapshot);
    }
    if (c.outcome_by) r.outcome_by = c.outcome_by;
    if (c.reason_code) r.reason_code = c.reason_code;
    if (c.outcome_code) r.outcome_code = c.outcome_code;
    if (c.outcome) r.outcome = c.outcome;
    add_history(r.id, actor, from, c.to, now);
    return find_referral(actor, r.id);
  }

  Result<ReferralRecord> mark_reviewed(const Actor& actor, const std::string& id,
                                       Timestamp now) override {
    auto found = find_referral(actor, id);
    if (!found) return found.error();
    if (!found->sender_view || !acts_for(actor, Role::org_admin, found->from_org))
      return Error::forbidden();
    ReferralRecord& r = referrals.at(id);
    if (r.legal_basis != LegalBasis::vital_interest || r.reviewed_at)
      return Error::conflict("not-reviewable", "Nothing to review.");
    r.reviewed_at = now;
    r.version += 1;
    return find_referral(actor, id);
  }

  std::vector<HistoryEntry> history(const ReferralRecord& found) override {
    return histories[found.id];
  }
  MessageRecord insert_message(const Actor& actor, const std::string& message_id,
                               const std::string& referral_id, const std::string& body,
                               Timestamp now) override {
    MessageRecord m;
    m.id = message_id;
    m.referral_id = referral_id;
    m.author_user = actor.user_id;
    m.author_org = actor.organization_id;
    m.body = body;
    m.created_at = now;
    m.seq = static_cast<std::int64_t>(thread[referral_id].size()) + 1;
    thread[referral_id].push_back(m);
    return m;
  }
  // Up to `limit` and one more when there are, as the SQL adapter answers (the handler reads
  // the extra one as the sign of a next page; StoreContract.MessagesComeInOrderAfterASequenceNumber).
  std::vector<MessageRecord> messages(const Actor&, const std::string& referral_id,
                                      std::int64_t after_seq, int limit) override {
    std::vector<MessageRecord> out;
    for (const auto& m : thread[referral_id])
      if (m.seq > after_seq && static_cast<int>(out.size()) <= limit) out.push_back(m);
    return out;
  }
  std::optional<std::string> tracking_code(const std::string& referral_id) override {
    auto it = referrals.find(referral_id);
    if (it == referrals.end() || it->second.status == Status::draft) return std::nullopt;
    return "TRK-" + referral_id;
  }
  std::map<std::string, Timestamp> link_expiry;
  std::optional<Timestamp> respond_link_expiry(const std::string& referral_id) override {
    auto it = link_expiry.find(referral_id);
    if (it == link_expiry.end()) return std::nullopt;
    return it->second;
  }
  bool has_external_receiver(const std::string& referral_id) override {
    return external_receivers.count(referral_id) > 0;
  }
  // Live respond links by token hash (expiry is the adapter's: StoreContract).
  std::map<std::string, RespondLinkTarget> respond_links;
  std::optional<RespondLinkTarget> open_respond_link(const std::string& token_hash,
                                                     Timestamp) override {
    auto it = respond_links.find(token_hash);
    if (it == respond_links.end()) return std::nullopt;
    return it->second;
  }

  // ReferralReader: the box's rows in the SQL adapter's order (core/referral_list.hpp):
  // overdue first by (deadline, seq), then the rest newest first; after query.after, up to
  // limit + 1 (StoreContract.TheBoxReaderPagesOverdueFirstThenNewestWithOneMore).
  Result<std::vector<ListedReferral>> list_referrals(const Actor& actor,
                                                     const ReferralListQuery& q,
                                                     Timestamp now) override {
    list_queries.push_back(q);
    std::vector<ListedReferral> overdue, rest;
    for (std::size_t i = 0; i < inserted.size(); ++i) {
      auto seen = find_referral(actor, inserted[i]);
      if (!seen || !in_box(actor, q, *seen)) continue;
      const auto due = due_at(seen->status, seen->respond_by, seen->outcome_by);
      const auto seq = static_cast<std::int64_t>(i) + 1;
      if (due && *due < now)
        overdue.push_back({*seen, ListPosition{true, to_millis(*due), seq}});
      else
        rest.push_back({*seen, ListPosition{false, 0, seq}});
    }
    auto key = [](const ListedReferral& l) { return std::pair(l.position.due, l.position.seq); };
    std::sort(overdue.begin(), overdue.end(),
              [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::reverse(rest.begin(), rest.end());
    std::vector<ListedReferral> out;
    const auto wanted = static_cast<std::size_t>(q.limit) + 1;
    for (auto& l : overdue)
      if (out.size() < wanted && (!q.after || (q.after->overdue && key(l) > std::pair(q.after->due, q.after->seq))))
        out.push_back(l);
    if (!q.overdue_only)
      for (auto& l : rest)
        if (out.size() < wanted && (!q.after || q.after->overdue || l.position.seq < q.after->seq))
          out.push_back(l);
    return out;
  }

  // TrackingStore: codes as sent (the notices' "TRK-<id>"), the view and the feedback kept.
  std::map<std::string, TrackingEntry> tracking;  // by code
  struct KeptFeedback {
    std::string id, referral_id;
    FeedbackOutcome outcome;
    std::optional<int> rating;
    std::string message_id;
  };
  std::vector<KeptFeedback> feedback;
  std::optional<TrackingEntry> find_tracking(const std::string& code) override {
    auto it = tracking.find(code);
    if (it == tracking.end()) return std::nullopt;
    return it->second;
  }
  void set_pin_lock(const std::string& code, const PinLock& lock) override {
    tracking.at(code).failures = lock.failures;
    tracking.at(code).locked_until = lock.locked_until;
  }
  TrackView track_view(const std::string& referral_id) override {
    const ReferralRecord& r = referrals.at(referral_id);
    TrackView v;
    v.category = r.category;
    v.status = std::string(to_string(r.status));
    v.updated_at = r.updated_at;
    v.organization = r.to_org;
    v.from_org = r.from_org;
    v.to_org = r.to_org;
    v.version = r.version;
    return v;
  }
  void insert_person_message(const std::string& message_id, const std::string& referral_id,
                             const std::string& body, Timestamp now) override {
    MessageRecord m;
    m.id = message_id;
    m.referral_id = referral_id;
    m.body = body;
    m.created_at = now;
    m.seq = static_cast<std::int64_t>(thread[referral_id].size()) + 1;
    m.from = "person";
    thread[referral_id].push_back(m);
  }
  void add_feedback(const std::string& id, const std::string& referral_id,
                    FeedbackOutcome outcome, std::optional<int> rating,
                    const std::string& message_id, Timestamp) override {
    feedback.push_back({id, referral_id, outcome, rating, message_id});
  }

 private:
  bool in_box(const Actor& actor, const ReferralListQuery& q, const ReferralRecord& r) const {
    const std::string& org = actor.organization_id;
    const bool box = q.box == Box::inbox
                         ? r.to_org == org && !r.sender_view
                         : r.from_org == org && r.sender_view &&
                               (q.box == Box::outbox ||
                                (r.legal_basis == LegalBasis::vital_interest && !r.reviewed_at));
    return box && (!q.status || to_string(r.status) == *q.status) &&
           (!q.category || r.category == *q.category) &&
           (!q.from_org || r.from_org == *q.from_org) && (!q.to_org || r.to_org == *q.to_org) &&
           (!q.updated_from || r.updated_at >= *q.updated_from) &&
           (!q.updated_before || r.updated_at < *q.updated_before) &&
           (!q.case_id || r.case_id == *q.case_id);
  }
  void keep_snapshot(ReferralRecord& r, const std::optional<SharedSnapshot>& s) {
    if (!s) return;
    snapshots[r.id] = *s;
    r.snapshot = "frozen";  // the text is storage's business (storage/snapshot_text.cpp)
  }
  void add_history(const std::string& id, const Actor& actor, std::optional<Status> from,
                   Status to, Timestamp now) {
    HistoryEntry h;
    h.from = from;
    h.to = to;
    h.at = now;
    h.by_user = actor.user_id;
    h.by_org = actor.organization_id;
    histories[id].push_back(h);
  }
};

struct RecordedAudit {
  std::string action, entity_type, entity_id, outcome;
  bool operator==(const RecordedAudit&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const RecordedAudit& a) {
  return os << a.action << " " << a.entity_type << " " << a.entity_id << " " << a.outcome;
}

struct RecordedListing {
  std::string action, entity_type;
  std::vector<std::string> ids;
  bool operator==(const RecordedListing&) const = default;
};

class MemoryAuditTrail final : public AuditTrail {
 public:
  std::vector<RecordedAudit> events;
  std::vector<RecordedListing> listings;
  void record(std::string action, std::string entity_type, std::string entity_id,
              std::string outcome) override {
    events.push_back({std::move(action), std::move(entity_type), std::move(entity_id),
                      std::move(outcome)});
  }
  void record_listing(std::string action, std::string entity_type,
                      std::vector<std::string> ids) override {
    listings.push_back({std::move(action), std::move(entity_type), std::move(ids)});
  }
};

class MemoryReferralNotices final : public ReferralNotices, public PinVerifier {
 public:
  std::vector<std::string> sent;  // referral ids given tracking
  std::vector<ReferralEvent> events;
  const std::set<std::string>* external_receivers = nullptr;  // the store's, when set
  std::optional<std::string> new_respond_link(const std::string& referral_id,
                                              Timestamp) override {
    if (!external_receivers || !external_receivers->count(referral_id)) return std::nullopt;
    return "token-" + referral_id;
  }
  IssuedTracking referral_sent(const std::string& referral_id, Timestamp) override {
    sent.push_back(referral_id);
    return {"TRK-" + referral_id, "123456"};
  }
  void referral_changed(const ReferralEvent& e, Timestamp, const std::string&) override {
    events.push_back(e);
  }
  // The PIN's "hash" is "hash:" + the PIN (the real one is keyed by the server's secret).
  bool pin_matches(const std::string& pin, const std::string& stored_hash) override {
    return stored_hash == "hash:" + pin;
  }
};

}  // namespace enlace::core::testing
