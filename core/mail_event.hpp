// Which mails a referral event calls for, as the outbox queues them (core/ports/mail_queue.hpp).
#pragma once

#include "core/ports/mail_queue.hpp"
#include "core/ports/referral_notices.hpp"

#include <optional>
#include <string>

namespace enlace::core {

// The outbox's view of `e`, caused by `actor_user` (may be empty: the system); nullopt when
// it is about no referral. A draft (`e.receiver` empty) is the sender's alone, and a draft sent
// is new to the receiving organisation: its inbox hears it as created.
std::optional<MailEvent> mail_event_of(const ReferralEvent& e, const std::string& actor_user);

}  // namespace enlace::core
