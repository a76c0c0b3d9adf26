// The event stream: see live_events.hpp.
#include "core/use_cases/live_events.hpp"

namespace enlace::core {

Result<EventScope> event_stream_scope(const Actor& actor) {
  EventScope scope = live_event_scope(actor);
  if (!scope.any()) return Error::forbidden();
  return scope;
}

Result<ReplayBatch> replay_live_events(LiveEventReader& reader, const Actor& actor,
                                       std::int64_t last_id) {
  auto scope = event_stream_scope(actor);
  if (!scope) return scope.error();
  ReplayBatch batch;
  batch.events = reader.events_after(actor.organization_id, *scope, last_id);
  batch.more = batch.events.size() == static_cast<std::size_t>(kMaxReplayEvents);
  return batch;
}

}  // namespace enlace::core
