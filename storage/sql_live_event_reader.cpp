// The event stream's port over SQL: see sql_live_event_reader.hpp.
#include "storage/sql_live_event_reader.hpp"

#include "storage/live_event_repository.hpp"

namespace enlace::storage {

std::vector<core::LiveEventRecord> SqlLiveEventReader::events_after(
    const std::string& organization_id, core::EventScope scope, std::int64_t last_id) {
  return LiveEventRepository::events_after(tx_, organization_id, scope, last_id);
}

}  // namespace enlace::storage
