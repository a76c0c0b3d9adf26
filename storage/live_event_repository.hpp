// The durable log behind Server-Sent Events: written in the transaction of the change it
// announces, replayed after Last-Event-ID. Ids and states only, never personal data.
#pragma once

#include "core/access_policy.hpp"
#include "core/ports/live_event_reader.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::storage {

// core/ports/live_event_reader.hpp
using LiveEventRecord = core::LiveEventRecord;
using core::kMaxReplayEvents;

class LiveEventRepository {
 public:
  // Returns the new event's id (increasing). `receiver` empty: the sender's alone (a draft).
  // On PostgreSQL the ids commit in the order they are given (the insert waits for the
  // transaction-scoped lock of the audit chain, held until COMMIT) and the COMMIT notifies
  // every process that listens (storage/database_feed.hpp): a reader of the ids after the last
  // one it saw never skips one that commits later.
  static std::int64_t insert(WriteTxn& tx, const std::string& sender, const std::string& receiver,
                             const std::string& type, const std::string& data, core::Timestamp now);
  // Events after `last_id` that one organisation hears in `scope` (those of referrals it
  // received, those it sent, or both), oldest first, at most kMaxReplayEvents.
  static std::vector<LiveEventRecord> events_after(ReadTxn& tx, const std::string& organization_id,
                                                   core::EventScope scope, std::int64_t last_id);
  // Every event after `last_id`, oldest first, at most `limit` (the database feed hands them
  // to each process's streams).
  static std::vector<LiveEventRecord> all_after(ReadTxn& tx, std::int64_t last_id, int limit);
  // The newest event's id (0 when none): where a process that starts begins to follow them.
  static std::int64_t newest_id(ReadTxn& tx);
  // True where several processes may share the database (PostgreSQL): a process hears every
  // event, its own included, from the feed, and must not also publish its own after COMMIT
  // (one path keeps them in id order, each once). False on SQLite: the writer publishes.
  static bool heard_from_feed(WriteTxn& tx);
};

}  // namespace enlace::storage
