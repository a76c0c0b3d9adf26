// Retention: see purge_closed_cases.hpp.
#include "core/use_cases/purge_closed_cases.hpp"

#include <chrono>

namespace enlace::core {

Result<int> purge_closed_cases(RetentionPorts ports, int older_than_days, Timestamp now) {
  if (older_than_days < 1) return Error::invalid_field("older_than", "must be at least 1");
  const Timestamp cutoff = now - std::chrono::days(older_than_days);
  int purged = 0;
  for (const auto& due : ports.store.closed_unpurged(cutoff)) {
    ports.store.erase_case(due.case_id, now);
    ports.audit.record(due.organization_id, "case.purge", "case", due.case_id);
    ++purged;
  }
  return purged;
}

}  // namespace enlace::core
