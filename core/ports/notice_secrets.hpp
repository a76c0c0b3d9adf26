// What the referral notices' adapter (storage/sql_referral_notices.hpp) needs from the gateway
// to store a referral's notices: the secrets, drawn from the server's random source and hashed
// as the gateway does (gateway/person_view_secrets.hpp), and the event hub that streams hear a
// committed live event from. Only hashes of the secrets are stored.
#pragma once

#include "core/ports/live_event_reader.hpp"
#include "core/ports/referral_notices.hpp"

#include <string>

namespace enlace::core {

// A tracking code and PIN with the PIN's hash.
struct DrawnTracking {
  IssuedTracking tracking;
  std::string pin_hash;
};

// A respond link's token (shown once) and the hash it is stored and looked up by.
struct DrawnRespondLink {
  std::string token, token_hash;
};

class NoticeSecrets {
 public:
  virtual ~NoticeSecrets() = default;
  // The tracking of a referral being sent (perhaps drawn before the write).
  virtual DrawnTracking draw_tracking() = 0;
  // Another code, when the one drawn is taken (the PIN and its hash stay).
  virtual std::string new_tracking_code() = 0;
  virtual DrawnRespondLink draw_respond_link() = 0;
};

// Where the streams of this process hear a live event. Called inside the event's transaction,
// in id order; the hub hears it once the transaction committed (never for a rolled-back one),
// so an implementation defers the hand-over to the commit (the writer's after-commit list).
class LiveEventHub {
 public:
  virtual ~LiveEventHub() = default;
  virtual void publish_on_commit(LiveEventRecord event) = 0;
};

}  // namespace enlace::core
