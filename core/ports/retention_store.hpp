// What the retention use case (core/use_cases/purge_closed_cases.hpp) reads and erases: the
// closed cases due for purging and their personal data. The SQL adapter (SQLite and PostgreSQL
// alike) is storage/retention.hpp, run by DatabaseMaintenance::erase.
#pragma once

#include "core/time.hpp"

#include <string>
#include <vector>

namespace enlace::core {

struct PurgeDue {
  std::string case_id, organization_id;
};

// Bound to one write transaction.
class RetentionStore {
 public:
  virtual ~RetentionStore() = default;
  // Cases closed at or before `cutoff` and not yet purged, by id.
  virtual std::vector<PurgeDue> closed_unpurged(Timestamp cutoff) = 0;
  // Erases the case's personal data and that of its referrals and messages (ids, codes, dates
  // and the audit chain stay) and marks it purged at `now`.
  virtual void erase_case(const std::string& case_id, Timestamp now) = 0;
};

}  // namespace enlace::core
