// The event stream's port over SQL (core/ports/live_event_reader.hpp), over one read snapshot:
// LiveEventRepository::events_after, scoped by the organisation in SQL. Serves SQLite and
// PostgreSQL alike.
#pragma once

#include "core/ports/live_event_reader.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlLiveEventReader final : public core::LiveEventReader {
 public:
  explicit SqlLiveEventReader(ReadTxn& tx) : tx_(tx) {}
  std::vector<core::LiveEventRecord> events_after(const std::string& organization_id,
                                                  core::EventScope scope,
                                                  std::int64_t last_id) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
