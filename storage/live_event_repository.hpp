// The durable log behind Server-Sent Events: written in the transaction of the change it
// announces, replayed after Last-Event-ID. Ids and states only, never personal data.
#pragma once

#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::storage {

struct LiveEventRecord {
  std::int64_t id = 0;
  std::vector<std::string> organizations;
  std::string type, data;
};

inline constexpr int kMaxReplayEvents = 1000;

class LiveEventRepository {
 public:
  // Returns the new event's id (increasing).
  static std::int64_t insert(WriteTxn& tx, const std::vector<std::string>& organizations,
                             const std::string& type, const std::string& data,
                             core::Timestamp now);
  // Events for one organisation after `last_id`, oldest first, at most kMaxReplayEvents.
  static std::vector<LiveEventRecord> events_after(ReadTxn& tx, const std::string& organization_id,
                                                   std::int64_t last_id);
};

}  // namespace enlace::storage
