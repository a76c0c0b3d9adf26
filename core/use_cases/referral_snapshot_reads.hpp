// The audited reads of one referral (core::read_referral) and of its thread
// (core::read_referral_messages) in two steps, so that the single writer only appends their
// event: the read and its decision on a read snapshot (view_*, which records nothing), then,
// in a write committed before the reply, finish_* records the event.
//
// What the snapshot found needs no second look in the write: whether an actor may see a
// referral only ever grows (its organisations never change, nothing goes back to draft, a
// referral row is never deleted; the retention purge blanks fields and keeps the row), so a
// referral the snapshot showed them is still theirs when the event is written, and the event
// states an access that took place. The reply shows the referral as the snapshot, taken after
// the request arrived, had it; a change committed meanwhile is in the next read, as with any
// read. A refusal is the one outcome a concurrent write can make wrong (the referral was sent
// to the actor's side meanwhile): finish_* then decides again in the write, as read_referral
// always did, so refusals and their events are exactly the write's.
#pragma once

#include "core/ports/referral_view_reads.hpp"
#include "core/referral_message.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/use_cases/read_referral.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// The referral as `actor` sees it, with its history and, for the sender, its tracking code;
// not_found when they may not see it. Records nothing.
Result<ReferralRead> view_referral(ReferralViewReads& reads, const Actor& actor,
                                   const std::string& referral_id);
// In the write: "referral.read" for what view_referral found; anything else is read again
// here (core::read_referral, its refusal audited).
Result<Refusable<ReferralRead>> finish_referral_read(const ReferralPorts& ports,
                                                     const Actor& actor,
                                                     const std::string& referral_id,
                                                     Result<ReferralRead> viewed);

// A page of the thread, oldest first after `after_seq` (up to limit + 1); not_found for a
// referral the actor cannot see. Records nothing.
Result<std::vector<MessageRecord>> view_referral_messages(ReferralViewReads& reads,
                                                          const Actor& actor,
                                                          const std::string& referral_id,
                                                          std::int64_t after_seq, int limit);
// In the write: "referral.messages.read" for what view_referral_messages found; anything
// else is read again here (core::read_referral_messages, its refusal audited).
Result<Refusable<std::vector<MessageRecord>>> finish_messages_read(
    const ReferralPorts& ports, const Actor& actor, const std::string& referral_id,
    std::int64_t after_seq, int limit, Result<std::vector<MessageRecord>> viewed);

}  // namespace enlace::core
