// The person's own view: see track_referral.hpp.
#include "core/use_cases/track_referral.hpp"

#include "core/referral_status.hpp"

namespace enlace::core {

namespace {

PinChecked check_pin(const TrackingPorts& ports, const TrackingCredentials& c,
                     const std::string& action, Timestamp now) {
  auto entry = ports.store.find_tracking(c.code);
  if (!entry) {
    ports.audit.record(action, "referral", "", "not_found");
    return {};
  }
  if (auto wait = pin_lock_seconds_left(entry->locked_until, now); wait > 0) {
    ports.audit.record(action, "referral", entry->referral_id, "locked");
    return {PinCheck::locked, "", wait};
  }
  if (!ports.pins.pin_matches(c.pin, entry->pin_hash)) {
    auto lock = after_wrong_pin(entry->failures, now);
    ports.store.set_pin_lock(c.code, lock);
    ports.audit.record(action, "referral", entry->referral_id,
                       lock.locked_until ? "locked" : "denied");
    return {};
  }
  if (entry->failures > 0 || entry->locked_until) ports.store.set_pin_lock(c.code, PinLock{});
  ports.audit.record(action, "referral", entry->referral_id, "ok");
  return {PinCheck::ok, entry->referral_id, 0};
}

}  // namespace

Result<Tracked> track_referral(const TrackingPorts& ports, const TrackingCredentials& c,
                               Timestamp now) {
  Tracked t{check_pin(ports, c, "referral.track", now), std::nullopt};
  if (t.pin.check == PinCheck::ok) t.view = ports.store.track_view(t.pin.referral_id);
  return t;
}

Result<PinChecked> give_feedback(const TrackingPorts& ports, const TrackingCredentials& c,
                                 const PersonFeedback& fb, const std::string& message_id,
                                 const std::string& feedback_id, Timestamp now) {
  auto checked = check_pin(ports, c, "referral.track_feedback", now);
  if (checked.check != PinCheck::ok) return checked;
  const auto& id = checked.referral_id;
  ports.store.insert_person_message(message_id, id, fb.comment, now);
  ports.store.add_feedback(feedback_id, id, fb.outcome, fb.rating, message_id, now);
  ports.audit.record("referral.message", "referral_message", message_id, "ok");
  auto v = ports.store.track_view(id);
  auto status = parse_status(v.status).value_or(Status::requested);
  ports.notices.referral_changed({"referral.message", id, v.from_org, v.to_org, status, v.version},
                                 now, "");
  return checked;
}

}  // namespace enlace::core
