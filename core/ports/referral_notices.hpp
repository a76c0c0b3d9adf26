// What a referral change sets going beyond its own rows, inside the same transaction: the
// tracking code and PIN of a referral just sent (and the respond link of an external
// receiver), and the live event that streams, mails and webhooks hear of once the
// transaction committed (never before, never for a rolled-back change). The gateway
// implements it (gateway/referral_ports.hpp): the event hub and the secrets are its own.
#pragma once

#include "core/referral_status.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

// Shown once, to the sender, in the reply that sent the referral; kept only as a hash.
struct IssuedTracking {
  std::string code, pin;
};

// A referral event: ids, state and version only (no case data).
struct ReferralEvent {
  std::string type;  // "referral.created", "referral.updated", "referral.message"...
  std::string referral_id;
  std::string sender;    // the sending organisation: its outbox hears it
  std::string receiver;  // the receiving organisation, empty while a draft (sender's alone)
  Status status = Status::draft;
  std::int64_t version = 1;
};

class ReferralNotices {
 public:
  virtual ~ReferralNotices() = default;
  virtual IssuedTracking referral_sent(const std::string& referral_id, Timestamp now) = 0;
  // A new respond link for an external receiver, replacing its old ones (not mailed: the
  // sender hands it over); nullopt when the receiver has accounts. The token, shown once.
  virtual std::optional<std::string> new_respond_link(const std::string& referral_id,
                                                      Timestamp now) = 0;
  // `actor_user` (may be empty) is not mailed about their own action.
  virtual void referral_changed(const ReferralEvent& event, Timestamp now,
                                const std::string& actor_user) = 0;
};

}  // namespace enlace::core
