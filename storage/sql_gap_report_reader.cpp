// The gap report's port over SQL: see sql_gap_report_reader.hpp.
#include "storage/sql_gap_report_reader.hpp"

#include "storage/gap_report_repository.hpp"

namespace enlace::storage {

namespace {

// The report reads most of the file in one transaction, several passes over it. Read
// connections do not map the file (storage/sql.cpp: a commit unmaps it at the next read
// transaction, which costs a small read more than it saves), so without a mapping every page
// of every pass is copied through read() and the small page cache cannot hold them. Mapped
// for this one transaction, each page is faulted in once (docs/PERFORMANCE.md, "The gap
// report maps the file again"). SQLite only; the mapping is dropped when the report is done.
class MappedForTheReport {
 public:
  explicit MappedForTheReport(Connection& c) : c_(c.is_postgres() ? nullptr : &c) {
    if (c_) c_->exec("PRAGMA mmap_size = 1073741824");
  }
  ~MappedForTheReport() {
    try {
      if (c_) c_->exec("PRAGMA mmap_size = 0");
    } catch (const DbError&) {
      // the connection is failing: the pool replaces it
    }
  }
  MappedForTheReport(const MappedForTheReport&) = delete;
  MappedForTheReport& operator=(const MappedForTheReport&) = delete;

 private:
  Connection* c_;
};

}  // namespace

core::Result<core::GapReport> SqlGapReportReader::gather(const core::GapScope& scope,
                                                         const core::GapQuery& query,
                                                         core::Timestamp now) {
  MappedForTheReport mapped(tx_.connection());
  return GapReportRepository::gather(tx_, scope, query, now);
}

}  // namespace enlace::storage
