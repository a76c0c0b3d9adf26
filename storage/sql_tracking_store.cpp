// The tracking store: see sql_tracking_store.hpp.
#include "storage/sql_tracking_store.hpp"

#include "storage/referral_message_repository.hpp"
#include "storage/tracking_repository.hpp"

namespace enlace::storage {

std::optional<core::TrackingEntry> SqlTrackingStore::find_tracking(const std::string& code) {
  return TrackingRepository::find(tx_, code);
}

void SqlTrackingStore::set_pin_lock(const std::string& code, const core::PinLock& lock) {
  TrackingRepository::set_lock(tx_, code, lock);
}

core::TrackView SqlTrackingStore::track_view(const std::string& referral_id) {
  return TrackingRepository::view(tx_, referral_id);
}

void SqlTrackingStore::insert_person_message(const std::string& message_id,
                                             const std::string& referral_id,
                                             const std::string& body, core::Timestamp now) {
  (void)ReferralMessageRepository::insert_from_person(tx_, message_id, referral_id, body, now);
}

void SqlTrackingStore::add_feedback(const std::string& id, const std::string& referral_id,
                                    core::FeedbackOutcome outcome, std::optional<int> rating,
                                    const std::string& message_id, core::Timestamp now) {
  TrackingRepository::add_feedback(tx_, id, referral_id, outcome, rating, message_id, now);
}

}  // namespace enlace::storage
