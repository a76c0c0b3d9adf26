// Reading one referral: see read_referral.hpp.
#include "core/use_cases/read_referral.hpp"

namespace enlace::core {

Result<Refusable<ReferralRead>> read_referral(const ReferralPorts& ports, const Actor& actor,
                                              const std::string& id) {
  using Out = Refusable<ReferralRead>;
  auto found = ports.store.find_referral(actor, id);
  if (!found) {
    ports.audit.record("referral.read", "referral", id, "not_found");
    return Out::refuse(found.error());
  }
  ports.audit.record("referral.read", "referral", id);
  ReferralRead read;
  read.history = ports.store.history(*found);
  // The code is the sender's to hand to the person; the receiver never sees it.
  if (found->sender_view) read.tracking_code = ports.store.tracking_code(id);
  read.referral = std::move(*found);
  return Out{std::move(read), std::nullopt};
}

}  // namespace enlace::core
