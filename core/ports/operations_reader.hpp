// What the operations endpoints read (core/use_cases/operations.hpp): whether the database
// answers, and the backlog figures /metrics reports. Counts only, never a row's content. The
// SQL adapter (SQLite and PostgreSQL alike) is storage/sql_operations_reader.hpp.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <optional>

namespace enlace::core {

// One outgoing channel's queue (e-mail, webhooks).
struct DeliveryBacklog {
  std::int64_t queued = 0;
  std::optional<Timestamp> oldest_queued;
};

// What waits, as the database holds it now: the same figures whichever process reads them.
struct Backlog {
  std::int64_t overdue_referrals = 0;  // open, past their respond_by
  DeliveryBacklog mail;                 // the mail outbox
  DeliveryBacklog webhooks;             // deliveries of enabled webhooks
};

// Bound to one read snapshot.
class OperationsReader {
 public:
  virtual ~OperationsReader() = default;
  // Reads one table: a storage failure (thrown, classified by the read job) says not ready.
  virtual void probe() = 0;
  virtual Backlog backlog(Timestamp now) = 0;
};

}  // namespace enlace::core
