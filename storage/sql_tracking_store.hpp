// The tracking use cases' store (core/ports/tracking_store.hpp) over one write transaction of
// storage's Connection (SQLite or PostgreSQL). Thin: each call is a TrackingRepository or
// ReferralMessageRepository function.
#pragma once

#include "core/ports/tracking_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlTrackingStore final : public core::TrackingStore {
 public:
  explicit SqlTrackingStore(WriteTxn& tx) : tx_(tx) {}
  std::optional<core::TrackingEntry> find_tracking(const std::string& code) override;
  void set_pin_lock(const std::string& code, const core::PinLock& lock) override;
  core::TrackView track_view(const std::string& referral_id) override;
  void insert_person_message(const std::string& message_id, const std::string& referral_id,
                             const std::string& body, core::Timestamp now) override;
  void add_feedback(const std::string& id, const std::string& referral_id,
                    core::FeedbackOutcome outcome, std::optional<int> rating,
                    const std::string& message_id, core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

}  // namespace enlace::storage
