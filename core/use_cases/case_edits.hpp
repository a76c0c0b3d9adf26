// Changing a case (API.md, Cases and consent; Daily work): edit, close, link a household. Each
// runs in one transaction on the ports. A case the actor may not see is a refusal that leaves
// its event ("not_found"); a stale version, a closed case or a form that does not hold is an
// error that leaves nothing. The caller has checked that the actor is a caseworker.
#pragma once

#include "core/case_patch.hpp"
#include "core/case_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"
#include "core/use_cases/refusal.hpp"
#include "core/use_cases/register_case.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

// PATCH /cases/{id} at `version` (If-Match): "case.update". Checked in this order: visible
// (404), version (412), open (409 "case-closed"), then the patch's fields and the whole form
// as on create (422, every field error at once).
Result<Refusable<CaseRecord>> edit_case(const CasePorts& ports, const Actor& actor,
                                        const std::string& id, std::int64_t version,
                                        const CasePatch& patch, Timestamp now);

// POST /cases/{id}/close: "case.close". `version` is checked when given (closing needs no
// edit of what was read).
Result<Refusable<CaseRecord>> close_case(const CasePorts& ports, const Actor& actor,
                                         const std::string& id,
                                         std::optional<std::int64_t> version,
                                         const std::optional<std::string>& reason, Timestamp now);

// POST /cases/{id}/household: "case.household" on `id`. `relation` is checked by the caller
// (1..50 characters). Returns the case with its links.
Result<Refusable<CaseRecord>> link_household(const CasePorts& ports, const Actor& actor,
                                             const std::string& id,
                                             const std::string& other_case_id,
                                             const std::string& relation);

}  // namespace enlace::core
