// POST /cases/{id}/transfer (API.md, Daily work): hands a case to another organisation under a
// consent that covers it, in one transaction on the ports. The sender loses access in the same
// transaction; consents, needs and history go with the case. The caller has checked that the
// actor is a caseworker and made the request (core::make_transfer_request).
#pragma once

#include "core/case_transfer.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/register_case.hpp"

#include <cstdint>
#include <string>

namespace enlace::core {

// "case.transfer" twice on success: on the case (its own trail, read by the access report
// whoever holds the case now) and on the receiving organisation (where its auditors look for
// what came in). A case the actor may not see is a refusal ("not_found" on the case); a stale
// version, an unknown organisation, a closed case or no covering consent leaves nothing.
Result<Refusable<CaseTransferred>> transfer_case(const CasePorts& ports, const Actor& actor,
                                                 const std::string& id, std::int64_t version,
                                                 const TransferRequest& request,
                                                 const std::string& transfer_id, Timestamp now);

}  // namespace enlace::core
