// The thread of a referral: see referral_messages.hpp.
#include "core/use_cases/referral_messages.hpp"

namespace enlace::core {

Result<Refusable<std::vector<MessageRecord>>> read_referral_messages(
    const ReferralPorts& ports, const Actor& actor, const std::string& id,
    std::int64_t after_seq, int limit) {
  using Out = Refusable<std::vector<MessageRecord>>;
  auto found = ports.store.find_referral(actor, id);
  if (!found) {
    ports.audit.record("referral.messages.read", "referral", id, "not_found");
    return Out::refuse(found.error());
  }
  ports.audit.record("referral.messages.read", "referral", id);
  return Out{ports.store.messages(actor, id, after_seq, limit), std::nullopt};
}

Result<Refusable<MessageRecord>> post_referral_message(const ReferralPorts& ports,
                                                       const Actor& actor,
                                                       const std::string& id,
                                                       const std::string& message_id,
                                                       const std::string& body, Timestamp now) {
  using Out = Refusable<MessageRecord>;
  auto found = ports.store.find_referral(actor, id);
  if (!found) {
    ports.audit.record("referral.message", "referral", id, "not_found");
    return Out::refuse(found.error());
  }
  auto message = ports.store.insert_message(actor, message_id, id, body, now);
  ports.audit.record("referral.message", "referral_message", message_id);
  // A draft is the sender's alone: its receiver hears nothing of it yet.
  ports.notices.referral_changed({"referral.message", id, found->from_org,
                                  found->status == Status::draft ? "" : found->to_org,
                                  found->status, found->version},
                                 now, actor.user_id);
  return Out{std::move(message), std::nullopt};
}

}  // namespace enlace::core
