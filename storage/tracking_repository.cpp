// Tracking codes and the person's feedback in SQLite: see tracking_repository.hpp.
#include "storage/tracking_repository.hpp"

namespace enlace::storage {

bool TrackingRepository::insert(WriteTxn& tx, const std::string& referral_id,
                                const std::string& code, const std::string& pin_hash) {
  auto st = tx.prepared(R"sql(
      INSERT INTO referral_tracking (referral_id, code, pin_hash) VALUES (?1, ?2, ?3)
      ON CONFLICT (code) DO NOTHING)sql");
  st.bind(1, referral_id);
  st.bind(2, code);
  st.bind(3, pin_hash);
  st.run();
  return tx.changes() == 1;
}

std::optional<std::string> TrackingRepository::code_of(WriteTxn& tx,
                                                       const std::string& referral_id) {
  auto st = tx.prepared("SELECT code FROM referral_tracking WHERE referral_id = ?1");
  st.bind(1, referral_id);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

std::optional<TrackingEntry> TrackingRepository::find(WriteTxn& tx, const std::string& code) {
  auto st = tx.prepared(R"sql(
      SELECT t.referral_id, t.pin_hash, t.failures, t.locked_until
        FROM referral_tracking t JOIN referral r ON r.id = t.referral_id
       WHERE t.code = ?1 AND r.status <> 'draft')sql");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  TrackingEntry e{st.text(0), st.text(1), static_cast<int>(st.int64(2)), std::nullopt};
  if (auto at = st.opt_int64(3)) e.locked_until = core::from_millis(*at);
  return e;
}

void TrackingRepository::set_lock(WriteTxn& tx, const std::string& code,
                                  const core::PinLock& lock) {
  auto st = tx.prepared(
      "UPDATE referral_tracking SET failures = ?2, locked_until = ?3 WHERE code = ?1");
  st.bind(1, code);
  st.bind(2, lock.failures);
  if (lock.locked_until)
    st.bind(3, core::to_millis(*lock.locked_until));
  else
    st.bind_null(3);
  st.run();
}

TrackView TrackingRepository::view(WriteTxn& tx, const std::string& referral_id) {
  // Never the reason, snapshot, outcome note or anything of the case: the person may show
  // this page to someone else, and the code may be guessed with its PIN.
  auto st = tx.prepared(R"sql(
      SELECT r.category, r.status, r.updated_at, s.name, s.address,
             COALESCE(s.phone, o.phone), s.hours, s.how_to_apply, o.name, r.from_org, r.to_org,
             r.version
        FROM referral r
        JOIN organization o ON o.id = r.to_org
        LEFT JOIN service s ON s.id = r.service_id
       WHERE r.id = ?1)sql");
  st.bind(1, referral_id);
  TrackView v;
  if (!st.step()) return v;
  v.category = st.text(0);
  v.status = st.text(1);
  v.updated_at = core::from_millis(st.int64(2));
  v.service_name = st.opt_text(3);
  v.address = st.opt_text(4);
  v.phone = st.opt_text(5);
  v.hours = st.opt_text(6);
  v.how_to_apply = st.opt_text(7);
  v.organization = st.text(8);
  v.from_org = st.text(9);
  v.to_org = st.text(10);
  v.version = st.int64(11);
  return v;
}

void TrackingRepository::add_feedback(WriteTxn& tx, const std::string& id,
                                      const std::string& referral_id,
                                      core::FeedbackOutcome outcome, std::optional<int> rating,
                                      const std::string& message_id, core::Timestamp now) {
  auto st = tx.prepared(R"sql(
      INSERT INTO person_feedback (id, referral_id, outcome, rating, message_id, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
  st.bind(1, id);
  st.bind(2, referral_id);
  st.bind(3, core::to_string(outcome));
  st.bind(4, rating);
  st.bind(5, message_id);
  st.bind(6, core::to_millis(now));
  st.run();
}

}  // namespace enlace::storage
