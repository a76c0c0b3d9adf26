// Retention (PRODUCT.md "Retention"; `enlace purge`): the personal data of a case closed longer
// ago than the retention period is erased. Ids, codes and dates stay, so that statistics and
// the audit chain still hold; each purged case leaves "case.purge" in its organisation's name,
// as the system.
#pragma once

#include "core/ports/database_maintenance.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// Purges every case closed at least `older_than_days` days before `now` and not purged yet;
// returns how many. At least one day (invalid "older_than" otherwise, nothing read).
Result<int> purge_closed_cases(RetentionPorts ports, int older_than_days, Timestamp now);

}  // namespace enlace::core
