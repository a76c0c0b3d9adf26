// Referrals in SQLite: see referral_repository.hpp.
#include "storage/referral_repository.hpp"

#include "core/access_policy.hpp"
#include "storage/json_text.hpp"
#include "storage/key_ring.hpp"
#include "storage/referral_rows.hpp"
#include "storage/snapshot_text.hpp"

namespace enlace::storage {

namespace {

std::optional<core::Timestamp> opt_time(Statement& st, int col) {
  if (auto v = st.opt_int64(col)) return core::from_millis(*v);
  return std::nullopt;
}

std::optional<std::int64_t> opt_millis(const std::optional<core::Timestamp>& t) {
  if (t) return core::to_millis(*t);
  return std::nullopt;
}

std::string fields_to_json(const std::vector<core::SharedField>& fields) {
  std::vector<std::string> names;
  for (auto f : fields) names.emplace_back(core::to_string(f));
  return encode_string_array(names);
}

std::vector<core::SharedField> fields_from_json(const std::string& text) {
  std::vector<core::SharedField> out;
  for (const auto& name : decode_string_array(text).value_or(std::vector<std::string>{}))
    if (auto f = core::parse_shared_field(name)) out.push_back(*f);
  return out;
}

std::vector<std::string> specific_names(const std::vector<core::SpecificNeed>& needs) {
  std::vector<std::string> names;
  for (auto n : needs) names.emplace_back(core::to_string(n));
  return names;
}

// NULL (a referral from before migration 10) reads as no stored choice.
std::optional<core::NeedsChoice> needs_choice_from(const std::optional<std::string>& needs,
                                                   const std::optional<std::string>& specific) {
  if (!needs || !specific) return std::nullopt;
  core::NeedsChoice c;
  c.needs = decode_string_array(*needs).value_or(std::vector<std::string>{});
  for (const auto& name : decode_string_array(*specific).value_or(std::vector<std::string>{}))
    if (auto n = core::parse_specific_need(name)) c.specific_needs.push_back(*n);
  return c;
}

}  // namespace

ReferralScope referral_scope(const core::Actor& a) {
  ReferralScope s;
  s.org = a.organization_id;
  s.sender = core::can_act_as_sender(a, a.organization_id) ||
             core::acts_for(a, core::Role::org_admin, a.organization_id);
  s.receiver = core::can_act_as_receiver(a, a.organization_id);
  return s;
}

void bind_referral_scope(Statement& st, const ReferralScope& s) {
  st.bind(2, s.org);
  st.bind(3, s.sender);
  st.bind(4, s.receiver);
}

ReferralRecord read_referral(Statement& st) {
  ReferralRecord r;
  r.id = st.text(0);
  r.sender_view = st.int64(1) != 0;
  r.case_id = st.opt_text(2);
  r.from_org = st.text(3);
  r.to_org = st.text(4);
  r.service_id = st.opt_text(5);
  r.category = st.text(6);
  r.urgency = core::parse_urgency(st.text(7)).value_or(core::Urgency::normal);
  r.reason = field_cipher().open("referral.reason", st.text(8));
  r.status = core::parse_status(st.text(9)).value_or(core::Status::draft);
  r.legal_basis = core::parse_legal_basis(st.text(10)).value_or(core::LegalBasis::consent);
  r.consent_id = st.opt_text(11);
  r.justification = field_cipher().open("referral.justification", st.opt_text(12));
  r.shared_fields = fields_from_json(st.text(13));
  r.snapshot = field_cipher().open("referral.snapshot", st.opt_text(14));
  r.respond_by = opt_time(st, 15);
  r.requested_at = opt_time(st, 16);
  r.responded_at = opt_time(st, 17);
  r.closed_at = opt_time(st, 18);
  r.reason_code = st.opt_text(19);
  r.outcome_code = st.opt_text(20);
  r.outcome = field_cipher().open("referral.outcome", st.opt_text(21));
  r.overdue_notified_at = opt_time(st, 22);
  r.reviewed_at = opt_time(st, 23);
  r.version = st.int64(24);
  r.created_at = core::from_millis(st.int64(25));
  r.updated_at = core::from_millis(st.int64(26));
  r.needs_choice = needs_choice_from(
      st.opt_text(27), field_cipher().open("referral.shared_specific_needs", st.opt_text(28)));
  r.outcome_by = opt_time(st, 29);
  return r;
}

namespace {

// The snapshot's stored text, when there is one to store.
std::optional<std::string> stored_snapshot(const std::optional<core::SharedSnapshot>& s) {
  if (!s) return std::nullopt;
  return storage::snapshot_text(*s);
}

template <class Txn>
core::Result<ReferralRecord> find_scoped(Txn& tx, const core::Actor& actor, const std::string& id) {
  auto st = tx.prepared("SELECT " ENLACE_REFERRAL_COLUMNS
                        " FROM referral r WHERE r.id = ?1 AND " ENLACE_REFERRAL_SCOPE);
  st.bind(1, id);
  bind_referral_scope(st, referral_scope(actor));
  if (!st.step()) return core::Error::not_found("referral");
  return read_referral(st);
}

template <class Txn>
std::vector<HistoryEntry> history_of(Txn& tx, const std::string& referral_id) {
  auto st = tx.prepared(R"sql(
      SELECT h.from_status, h.to_status, h.at, h.actor_user, h.actor_org, u.display_name,
             h.reason_code, h.reason, h.outcome_code, h.outcome,
             CASE WHEN h.on_behalf = 1 THEN r.to_org END
        FROM referral_history h
        JOIN referral r ON r.id = h.referral_id
        LEFT JOIN app_user u ON u.id = h.actor_user
       WHERE h.referral_id = ?1 ORDER BY h.seq)sql");
  st.bind(1, referral_id);
  std::vector<HistoryEntry> out;
  while (st.step()) {
    HistoryEntry e;
    if (auto f = st.opt_text(0)) e.from = core::parse_status(*f);
    e.to = core::parse_status(st.text(1)).value_or(core::Status::draft);
    e.at = core::from_millis(st.int64(2));
    e.by_user = st.text(3);
    e.by_org = st.text(4);
    e.by_display_name = st.opt_text(5);
    e.reason_code = st.opt_text(6);
    e.reason = field_cipher().open("referral_history.reason", st.opt_text(7));
    e.outcome_code = st.opt_text(8);
    e.outcome = field_cipher().open("referral_history.outcome", st.opt_text(9));
    e.on_behalf_of = st.opt_text(10);
    out.push_back(std::move(e));
  }
  return out;
}

void add_history(WriteTxn& tx, const std::string& referral_id, const core::Actor& actor,
                 std::optional<core::Status> from, const TransitionChange& c, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO referral_history (referral_id, seq, at, actor_user, actor_org, from_status,
                                    to_status, reason_code, reason, outcome_code, outcome,
                                    on_behalf)
      VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM referral_history WHERE referral_id = ?1),
              ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  st.bind(1, referral_id);
  st.bind(2, core::to_millis(now));
  st.bind(3, actor.user_id);
  st.bind(4, actor.organization_id);
  if (from) st.bind(5, core::to_string(*from));
  else st.bind_null(5);
  st.bind(6, core::to_string(c.to));
  st.bind(7, c.reason_code);
  st.bind(8, field_cipher().seal("referral_history.reason", c.reason));
  st.bind(9, c.outcome_code);
  st.bind(10, field_cipher().seal("referral_history.outcome", c.outcome));
  st.bind(11, c.on_behalf);
  st.run();
}

}  // namespace

core::Result<ReferralRecord> ReferralRepository::insert(WriteTxn& tx, const core::Actor& actor,
                                                        const NewReferral& r, core::Timestamp now) {
  const bool sent = r.status == core::Status::requested;
  {
    auto st = tx.prepared(R"sql(
        INSERT INTO referral (id, case_id, from_org, to_org, service_id, category, urgency, reason,
                              status, legal_basis, consent_id, justification, shared_fields,
                              snapshot, respond_by, requested_at, created_by, version, created_at,
                              updated_at, shared_needs, shared_specific_needs)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1,
                ?18, ?18, ?19, ?20))sql");
    st.bind(1, r.id);
    st.bind(2, r.case_id);
    st.bind(3, r.from_org);
    st.bind(4, r.to_org);
    st.bind(5, r.service_id);
    st.bind(6, r.category);
    st.bind(7, core::to_string(r.urgency));
    st.bind(8, field_cipher().seal("referral.reason", r.reason));
    st.bind(9, core::to_string(r.status));
    st.bind(10, core::to_string(r.legal_basis));
    st.bind(11, r.consent_id);
    st.bind(12, field_cipher().seal("referral.justification", r.justification));
    st.bind(13, fields_to_json(r.shared_fields));
    st.bind(14, field_cipher().seal("referral.snapshot", stored_snapshot(r.snapshot)));
    st.bind(15, opt_millis(r.respond_by));
    if (sent) st.bind(16, core::to_millis(now));
    else st.bind_null(16);
    st.bind(17, actor.user_id);
    st.bind(18, core::to_millis(now));
    st.bind(19, encode_string_array(r.needs_choice.needs));
    st.bind(20, field_cipher().seal("referral.shared_specific_needs",
                                    encode_string_array(specific_names(r.needs_choice.specific_needs))));
    st.run();
  }
  TransitionChange created;
  created.to = r.status;
  add_history(tx, r.id, actor, std::nullopt, created, now);
  return find_scoped(tx, actor, r.id);
}

core::Result<ReferralRecord> ReferralRepository::find(ReadTxn& tx, const core::Actor& actor,
                                                      const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<ReferralRecord> ReferralRepository::find_for_update(WriteTxn& tx,
                                                                 const core::Actor& actor,
                                                                 const std::string& id) {
  return find_scoped(tx, actor, id);
}

core::Result<ReferralRecord> ReferralRepository::transition(WriteTxn& tx, const core::Actor& actor,
                                                            const ReferralRecord& current,
                                                            const TransitionChange& c,
                                                            core::Timestamp now) {
  const bool sending = c.to == core::Status::requested;
  const bool responding = c.to == core::Status::accepted || c.to == core::Status::rejected;
  const bool closing = core::is_terminal(c.to);
  {
    // The version and organisation checks are in the WHERE clause: a concurrent change or a
    // row the caller cannot see updates nothing.
    auto st = tx.prepared(R"sql(
        UPDATE referral
           SET status = ?5, version = version + 1, updated_at = ?6,
               requested_at = CASE WHEN ?7 THEN ?6 ELSE requested_at END,
               responded_at = CASE WHEN ?8 AND responded_at IS NULL THEN ?6 ELSE responded_at END,
               closed_at = CASE WHEN ?9 THEN ?6 ELSE closed_at END,
               reason_code = COALESCE(?10, reason_code),
               outcome_code = COALESCE(?11, outcome_code),
               outcome = COALESCE(?12, outcome),
               consent_id = CASE WHEN ?7 THEN ?13 ELSE consent_id END,
               snapshot = CASE WHEN ?7 THEN ?14 ELSE snapshot END,
               respond_by = CASE WHEN ?7 THEN ?15 ELSE respond_by END,
               outcome_by = COALESCE(?17, outcome_by)
         WHERE id = ?1 AND version = ?16 AND (from_org = ?2 OR to_org = ?2) AND (?3 OR ?4))sql");
    st.bind(1, current.id);
    bind_referral_scope(st, referral_scope(actor));
    st.bind(5, core::to_string(c.to));
    st.bind(6, core::to_millis(now));
    st.bind(7, sending);
    st.bind(8, responding);
    st.bind(9, closing);
    st.bind(10, c.reason_code);
    st.bind(11, c.outcome_code);
    st.bind(12, field_cipher().seal("referral.outcome", c.outcome));
    st.bind(13, c.consent_id);
    st.bind(14, field_cipher().seal("referral.snapshot", stored_snapshot(c.snapshot)));
    st.bind(15, opt_millis(c.respond_by));
    st.bind(16, current.version);
    st.bind(17, opt_millis(c.outcome_by));
    st.run();
  }
  if (tx.changes() != 1) return core::Error::stale();
  add_history(tx, current.id, actor, current.status, c, now);
  return find_scoped(tx, actor, current.id);
}

std::vector<HistoryEntry> ReferralRepository::history(ReadTxn& tx, const ReferralRecord& found) {
  return history_of(tx, found.id);
}

std::vector<HistoryEntry> ReferralRepository::history(WriteTxn& tx, const ReferralRecord& found) {
  return history_of(tx, found.id);
}

core::Result<ReferralRecord> ReferralRepository::mark_reviewed(WriteTxn& tx,
                                                               const core::Actor& actor,
                                                               const std::string& id,
                                                               core::Timestamp now) {
  auto found = find_scoped(tx, actor, id);
  if (!found) return found.error();
  // The receiving side may read the referral but reviews nothing of the sender's.
  if (!found->sender_view || !core::can_review_vital_interest(actor, found->from_org))
    return core::Error::forbidden("Only the sending organisation's admin reviews this referral.");
  if (found->legal_basis != core::LegalBasis::vital_interest)
    return core::Error::conflict("not-vital-interest",
                                 "Only vital-interest referrals are reviewed.");
  if (found->reviewed_at)
    return core::Error::conflict("already-reviewed", "This referral was already reviewed.");
  auto st = tx.prepared(R"sql(
      UPDATE referral SET reviewed_at = ?2, reviewed_by = ?3
       WHERE id = ?1 AND from_org = ?4 AND reviewed_at IS NULL)sql");
  st.bind(1, id);
  st.bind(2, core::to_millis(now));
  st.bind(3, actor.user_id);
  st.bind(4, actor.organization_id);
  st.run();
  return find_scoped(tx, actor, id);
}

std::vector<OverdueNotice> ReferralRepository::take_overdue(WriteTxn& tx, core::Timestamp now,
                                                            std::chrono::minutes remind_every,
                                                            int limit) {
  // notice_at (migration 13) is the deadline until a notice went out for it, then the
  // reminder time; its partial index holds only rows with a deadline, read from the earliest,
  // so this reads the due notices and nothing else.
  auto st = tx.prepared(R"sql(
      UPDATE referral SET overdue_notified_at = ?1, overdue_remind_at = ?1 + ?3
       WHERE rowid IN (SELECT rowid FROM referral INDEXED BY referral_notice
                        WHERE notice_at < ?1 ORDER BY notice_at LIMIT ?2)
      RETURNING id, from_org, to_org, status, version)sql");
  st.bind(1, core::to_millis(now));
  st.bind(2, limit);
  st.bind(3, static_cast<std::int64_t>(
                 std::chrono::duration_cast<std::chrono::milliseconds>(remind_every).count()));
  std::vector<OverdueNotice> out;
  while (st.step()) {
    OverdueNotice n;
    n.id = st.text(0);
    n.from_org = st.text(1);
    n.to_org = st.text(2);
    n.status = core::parse_status(st.text(3)).value_or(core::Status::requested);
    n.version = st.int64(4);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<OverdueNotice> ReferralRepository::expire_unanswered(WriteTxn& tx,
                                                                 core::Timestamp now,
                                                                 core::Timestamp deadline_before,
                                                                 int limit) {
  // referral_open_deadline (migration 2) holds the waiting referrals by respond_by: this reads
  // the expired ones only.
  struct Due {
    std::int64_t rowid;
    OverdueNotice n;
    core::Status was;
  };
  std::vector<Due> due;
  {
    auto st = tx.prepared(R"sql(
        SELECT rowid, id, from_org, to_org, status FROM referral INDEXED BY referral_open_deadline
         WHERE status IN ('requested','received') AND respond_by < ?1
         ORDER BY respond_by LIMIT ?2)sql");
    st.bind(1, core::to_millis(deadline_before));
    st.bind(2, limit);
    while (st.step()) {
      Due d{st.int64(0), {}, core::parse_status(st.text(4)).value_or(core::Status::requested)};
      d.n.id = st.text(1);
      d.n.from_org = st.text(2);
      d.n.to_org = st.text(3);
      due.push_back(std::move(d));
    }
  }
  // responded_at stays NULL: nobody answered, and the gap report's answer times must not
  // count the expiry as an answer.
  // The system closes it: the history says so, with no user or organisation behind it.
  core::Actor system;
  system.user_id = std::string(kSystemActor);
  TransitionChange closed;
  closed.to = core::Status::rejected;
  closed.reason_code = std::string(core::to_string(core::RejectionReason::no_response));
  std::vector<OverdueNotice> out;
  for (auto& d : due) {
    auto close = tx.prepared(R"sql(
        UPDATE referral
           SET status = 'rejected', reason_code = 'no_response', closed_at = ?2, updated_at = ?2,
               version = version + 1
         WHERE rowid = ?1 RETURNING version)sql");
    close.bind(1, d.rowid);
    close.bind(2, core::to_millis(now));
    if (!close.step()) continue;
    d.n.version = close.int64(0);
    while (close.step()) {
    }
    d.n.status = core::Status::rejected;
    add_history(tx, d.n.id, system, d.was, closed, now);
    out.push_back(std::move(d.n));
  }
  return out;
}

std::int64_t ReferralRepository::count_overdue(ReadTxn& tx, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      SELECT COUNT(*) FROM referral INDEXED BY referral_due WHERE due_at < ?1)sql");
  st.bind(1, core::to_millis(now));
  st.step();
  return st.int64(0);
}

}  // namespace enlace::storage
