// The person's own view (API.md): POST /track and /track/feedback, by the referral's tracking
// code and PIN, with no session. Each is one transaction on the writer, so that parallel
// guesses count as sequential ones: five wrong PINs lock a code for an hour. A wrong PIN and an
// unknown code answer alike: the reply never says which codes exist. Every attempt leaves an
// audit event without the code or the PIN.
#pragma once

#include "core/person_view.hpp"
#include "core/ports/audit_trail.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/ports/tracking_store.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

struct TrackingPorts {
  TrackingStore& store;
  PinVerifier& pins;
  AuditTrail& audit;
  ReferralNotices& notices;  // the feedback's live event
};

// The code as normalize_tracking_code leaves it, and a PIN that is_pin.
struct TrackingCredentials {
  std::string code, pin;
};

enum class PinCheck { ok, unknown, locked };

struct PinChecked {
  PinCheck check = PinCheck::unknown;  // unknown: no such code, or a wrong PIN
  std::string referral_id;             // ok only
  std::int64_t retry_after = 0;        // locked: seconds until the code opens
};

// POST /track: "referral.track" ok, not_found (no such code), denied (a wrong PIN), or locked
// (a wrong PIN that locks the code, or any PIN while it is locked).
struct Tracked {
  PinChecked pin;
  std::optional<TrackView> view;  // when pin.check is ok
};
Result<Tracked> track_referral(const TrackingPorts& ports, const TrackingCredentials& c,
                               Timestamp now);

struct PersonFeedback {
  FeedbackOutcome outcome = FeedbackOutcome::other;
  std::optional<int> rating;
  std::string comment;  // checked text, may be empty
};

// POST /track/feedback: the PIN check as "referral.track_feedback"; then the comment goes into
// the referral's thread as message `message_id` ("referral.message"), the feedback is kept as
// `feedback_id` for the gap report, and both sides hear a "referral.message" live event.
Result<PinChecked> give_feedback(const TrackingPorts& ports, const TrackingCredentials& c,
                                 const PersonFeedback& feedback, const std::string& message_id,
                                 const std::string& feedback_id, Timestamp now);

}  // namespace enlace::core
