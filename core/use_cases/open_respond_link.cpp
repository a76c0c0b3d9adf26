// Opening a respond link: see open_respond_link.hpp.
#include "core/use_cases/open_respond_link.hpp"

namespace enlace::core {

Result<Refusable<RespondLinkTarget>> open_respond_link(const ReferralPorts& ports,
                                                       const std::string& token_hash,
                                                       Timestamp now) {
  using Out = Refusable<RespondLinkTarget>;
  auto target =
      token_hash.empty() ? std::nullopt : ports.store.open_respond_link(token_hash, now);
  if (!target) {
    ports.audit.record("respond_link.open", "respond_link", "", "not_found");
    return Out::refuse(Error::not_found("respond link"));
  }
  return Out{std::move(*target), std::nullopt};
}

}  // namespace enlace::core
