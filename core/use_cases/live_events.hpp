// The event stream (API.md, GET /events): referral changes of the actor's organisation in the
// scope of their roles (core::live_event_scope); a caller with no scope is refused
// ("events.subscribe" on "live_event", outcome denied, as the gateway audits refusals).
// After Last-Event-ID, what was missed is replayed from the durable log in batches.
#pragma once

#include "core/access_policy.hpp"
#include "core/ports/live_event_reader.hpp"
#include "core/result.hpp"
#include "core/role.hpp"

#include <cstdint>
#include <vector>

namespace enlace::core {

// The scope the actor hears, or forbidden when they hear nothing.
Result<EventScope> event_stream_scope(const Actor& actor);

struct ReplayBatch {
  std::vector<LiveEventRecord> events;  // oldest first
  bool more = false;                    // the batch was full: read again after its last id
};

// The events after `last_id` the actor hears.
Result<ReplayBatch> replay_live_events(LiveEventReader& reader, const Actor& actor,
                                       std::int64_t last_id);

}  // namespace enlace::core
