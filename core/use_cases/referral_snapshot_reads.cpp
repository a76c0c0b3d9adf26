// Referral reads on a snapshot, audited in a write: see referral_snapshot_reads.hpp.
#include "core/use_cases/referral_snapshot_reads.hpp"

#include "core/use_cases/referral_messages.hpp"

#include <utility>

namespace enlace::core {

Result<ReferralRead> view_referral(ReferralViewReads& reads, const Actor& actor,
                                   const std::string& id) {
  auto found = reads.find_referral(actor, id);
  if (!found) return found.error();
  ReferralRead read;
  read.history = reads.history(*found);
  // The code is the sender's to hand to the person; the receiver never sees it.
  if (found->sender_view) read.tracking_code = reads.tracking_code(id);
  read.referral = std::move(*found);
  return read;
}

Result<Refusable<ReferralRead>> finish_referral_read(const ReferralPorts& ports,
                                                     const Actor& actor, const std::string& id,
                                                     Result<ReferralRead> viewed) {
  if (!viewed) return read_referral(ports, actor, id);
  ports.audit.record("referral.read", "referral", id);
  return Refusable<ReferralRead>{std::move(*viewed), std::nullopt};
}

Result<std::vector<MessageRecord>> view_referral_messages(ReferralViewReads& reads,
                                                          const Actor& actor,
                                                          const std::string& id,
                                                          std::int64_t after_seq, int limit) {
  auto found = reads.find_referral(actor, id);
  if (!found) return found.error();
  return reads.messages(actor, id, after_seq, limit);
}

Result<Refusable<std::vector<MessageRecord>>> finish_messages_read(
    const ReferralPorts& ports, const Actor& actor, const std::string& id,
    std::int64_t after_seq, int limit, Result<std::vector<MessageRecord>> viewed) {
  if (!viewed) return read_referral_messages(ports, actor, id, after_seq, limit);
  ports.audit.record("referral.messages.read", "referral", id);
  return Refusable<std::vector<MessageRecord>>{std::move(*viewed), std::nullopt};
}

}  // namespace enlace::core
