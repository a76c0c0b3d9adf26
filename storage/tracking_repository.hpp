// The person's own view of a referral (/track): tracking codes with a hash of their PIN and
// its lock-out state, what the view shows (nothing personal), and the person's feedback.
// The code is looked up network-wide by design: the code and PIN are the person's credential.
#pragma once

#include "core/person_view.hpp"
#include "core/ports/tracking_store.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>

namespace enlace::storage {

// In core's words (core/ports/tracking_store.hpp), since the tracking use cases speak them.
using core::TrackingEntry;
using core::TrackView;

class TrackingRepository {
 public:
  // false when the code is already taken (the caller draws another); a referral's second
  // tracking is an error (a referral is sent once).
  static bool insert(WriteTxn& tx, const std::string& referral_id, const std::string& code,
                     const std::string& pin_hash);
  // The referral's code, for its sender's view.
  static std::optional<std::string> code_of(WriteTxn& tx, const std::string& referral_id);
  static std::optional<TrackingEntry> find(WriteTxn& tx, const std::string& code);
  static void set_lock(WriteTxn& tx, const std::string& code, const core::PinLock& lock);
  static TrackView view(WriteTxn& tx, const std::string& referral_id);
  static void add_feedback(WriteTxn& tx, const std::string& id, const std::string& referral_id,
                           core::FeedbackOutcome outcome, std::optional<int> rating,
                           const std::string& message_id, core::Timestamp now);
};

}  // namespace enlace::storage
