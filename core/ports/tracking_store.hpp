// What the person's tracking use cases read and write (core/use_cases/track_referral.hpp),
// bound to one write transaction: the code's PIN hash and lock-out state, what the page shows
// (nothing personal), and the person's feedback. Codes are looked up network-wide by design:
// the code and PIN are the person's credential. The adapter is storage/sql_tracking_store.hpp;
// checking a PIN against its hash needs the server's secret, so the gateway implements
// PinVerifier.
#pragma once

#include "core/person_view.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

struct TrackingEntry {
  std::string referral_id, pin_hash;
  int failures = 0;
  std::optional<Timestamp> locked_until;
};

// Category, state and where to go: the directory's words and the referral's codes only.
struct TrackView {
  std::string category, status;
  Timestamp updated_at{};
  std::optional<std::string> service_name, address, phone, hours, how_to_apply;
  std::string organization;
  // For the live event of the person's feedback; never shown to the person.
  std::string from_org, to_org;
  std::int64_t version = 1;
};

class TrackingStore {
 public:
  virtual ~TrackingStore() = default;
  virtual std::optional<TrackingEntry> find_tracking(const std::string& code) = 0;
  virtual void set_pin_lock(const std::string& code, const PinLock& lock) = 0;
  // The page of a referral find_tracking named.
  virtual TrackView track_view(const std::string& referral_id) = 0;
  // The person's word in the thread both sides read (sealed like any message).
  virtual void insert_person_message(const std::string& message_id,
                                     const std::string& referral_id, const std::string& body,
                                     Timestamp now) = 0;
  virtual void add_feedback(const std::string& id, const std::string& referral_id,
                            FeedbackOutcome outcome, std::optional<int> rating,
                            const std::string& message_id, Timestamp now) = 0;
};

class PinVerifier {
 public:
  virtual ~PinVerifier() = default;
  // Whether `pin` is the one `stored_hash` was made from.
  virtual bool pin_matches(const std::string& pin, const std::string& stored_hash) = 0;
};

}  // namespace enlace::core
