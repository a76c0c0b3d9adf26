// The gap report's port over SQL (core/ports/gap_report_reader.hpp), over one read snapshot:
// GapReportRepository::gather. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/gap_report_reader.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlGapReportReader final : public core::GapReportReader {
 public:
  explicit SqlGapReportReader(ReadTxn& tx) : tx_(tx) {}
  core::Result<core::GapReport> gather(const core::GapScope& scope, const core::GapQuery& query,
                                       core::Timestamp now) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
