// Consent on a case (API.md, Cases and consent): record one, withdraw one. Each runs in one
// transaction on the ports; the event names the case ("consent.create", "consent.withdraw").
// A case or consent the actor may not see is a refusal that leaves its event ("not_found");
// any other error leaves nothing. The caller has checked that the actor is a caseworker.
#pragma once

#include "core/consent.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/register_case.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

// `id` is the new consent's. Visibility comes before the form: a stranger's case is 404
// whatever the body says; then make_consent (422), then a closed case (409 "case-closed").
Result<Refusable<Consent>> record_consent(const CasePorts& ports, const Actor& actor,
                                          const std::string& case_id, const std::string& id,
                                          const ConsentDraft& draft, Timestamp now);

// Stops every new referral the consent covered. `version` (If-Match) is checked when given;
// a second withdrawal is 409 "consent-withdrawn".
Result<Refusable<Consent>> withdraw_consent(const CasePorts& ports, const Actor& actor,
                                            const std::string& case_id,
                                            const std::string& consent_id,
                                            std::optional<std::int64_t> version, Timestamp now);

}  // namespace enlace::core
