// GET/POST /respond/{token}...: opening a respond link, before the receiver's route runs as the
// external organisation it was made for (API.md, Organisations without accounts). One
// transaction on the writer, so that a refused link's event is durable before the reply.
#pragma once

#include "core/respond_link_target.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/use_cases/referral_ports.hpp"
#include "core/use_cases/refusal.hpp"

#include <string>

namespace enlace::core {

// `token_hash`: the stored form of the link's token (the caller hashes it; empty for a token
// no link can have). A link that opens leaves no event here: the route it opens records its
// own, as the organisation. An unknown, replaced or expired link is not_found (a refusal) and
// leaves "respond_link.open" not_found, so that probing links is visible to the auditor.
Result<Refusable<RespondLinkTarget>> open_respond_link(const ReferralPorts& ports,
                                                       const std::string& token_hash,
                                                       Timestamp now);

}  // namespace enlace::core
