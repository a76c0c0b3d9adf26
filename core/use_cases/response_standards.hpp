// The response standards (API.md, Directory and administration): hours to respond and days to
// reach an outcome per urgency, optionally per category. Any signed-in user reads them; a
// system_admin replaces them at their version, leaving a "settings.update" event on the
// setting "response_standards"; a refusal rolls back and leaves none.
#pragma once

#include "core/ports/audit_trail.hpp"
#include "core/ports/settings_store.hpp"
#include "core/response_standards.hpp"
#include "core/response_standards_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "core/time.hpp"

#include <cstdint>

namespace enlace::core {

struct SettingsPorts {
  SettingsStore& store;
  AuditTrail& audit;
};

// PUT /settings/response-standards at `version`: forbidden, then stale, then the draft's checks
// against the known categories.
Result<ResponseStandardsRecord> replace_response_standards(const SettingsPorts& ports,
                                                           const Actor& actor,
                                                           const ResponseStandardsDraft& draft,
                                                           std::int64_t version, Timestamp now);

// GET /settings/response-standards.
Result<ResponseStandardsRecord> read_response_standards(SettingsReader& reader);

}  // namespace enlace::core
