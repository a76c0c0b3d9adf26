// What the gap report use case reads (core/use_cases/gap_report.hpp): the raw figures of a
// period, counted in the database for a scope, never a person's row. The SQL adapter (SQLite and
// PostgreSQL alike, the same figures on both) is storage/sql_gap_report_reader.hpp; the
// definitions of each figure are storage/gap_report_repository.hpp's.
#pragma once

#include "core/gap_report.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>

namespace enlace::core {

// Whose data the report counts.
struct GapScope {
  std::optional<std::string> organization_id;  // nullopt: every organisation (coordinator)
};

// Bound to one read snapshot.
class GapReportReader {
 public:
  virtual ~GapReportReader() = default;
  // Error::invalid naming "territory" or "category" when they do not exist.
  virtual Result<GapReport> gather(const GapScope& scope, const GapQuery& query,
                                   Timestamp now) = 0;
};

}  // namespace enlace::core
