// What replaying the event stream reads (core/use_cases/live_events.hpp): the durable log of
// live events after the last one a client got, as one organisation hears them. Ids and states
// only, never personal data. The SQL adapter (SQLite and PostgreSQL alike) is
// storage/sql_live_event_reader.hpp.
#pragma once

#include "core/access_policy.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

struct LiveEventRecord {
  std::int64_t id = 0;
  Timestamp at{};
  std::string sender;    // the organisation that sent the referral
  std::string receiver;  // the one it is addressed to; empty while only the sender may see it
  std::string type, data;
};

// The most events one read returns.
inline constexpr int kMaxReplayEvents = 1000;

// Bound to one read snapshot.
class LiveEventReader {
 public:
  virtual ~LiveEventReader() = default;
  // Events after `last_id` that the organisation hears in `scope`, oldest first, at most
  // kMaxReplayEvents.
  virtual std::vector<LiveEventRecord> events_after(const std::string& organization_id,
                                                    EventScope scope, std::int64_t last_id) = 0;
};

}  // namespace enlace::core
