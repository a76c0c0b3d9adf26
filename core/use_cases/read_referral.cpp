// Reading one referral: see read_referral.hpp.
#include "core/use_cases/read_referral.hpp"

#include "core/ports/referral_view_reads.hpp"
#include "core/use_cases/referral_snapshot_reads.hpp"

namespace enlace::core {

Result<Refusable<ReferralRead>> read_referral(const ReferralPorts& ports, const Actor& actor,
                                              const std::string& id) {
  using Out = Refusable<ReferralRead>;
  StoreViewReads reads(ports.store);
  auto viewed = view_referral(reads, actor, id);
  if (!viewed) {
    ports.audit.record("referral.read", "referral", id, "not_found");
    return Out::refuse(viewed.error());
  }
  ports.audit.record("referral.read", "referral", id);
  return Out{std::move(*viewed), std::nullopt};
}

}  // namespace enlace::core
