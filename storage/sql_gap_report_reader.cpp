// The gap report's port over SQL: see sql_gap_report_reader.hpp.
#include "storage/sql_gap_report_reader.hpp"

#include "storage/gap_report_repository.hpp"

namespace enlace::storage {

core::Result<core::GapReport> SqlGapReportReader::gather(const core::GapScope& scope,
                                                         const core::GapQuery& query,
                                                         core::Timestamp now) {
  return GapReportRepository::gather(tx_, scope, query, now);
}

}  // namespace enlace::storage
