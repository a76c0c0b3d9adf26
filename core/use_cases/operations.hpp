// The operations endpoints' reads (API.md, Operations): /readyz asks whether the database
// answers; /metrics reads the backlog from the database at each scrape, so that every process
// sharing it reports the same current figures, not only the one running the scheduled work.
// No caller: these routes are open and show no personal data.
#pragma once

#include "core/ports/operations_reader.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

// GET /readyz: true once a table was read.
Result<bool> check_ready(OperationsReader& reader);

// GET /metrics: the overdue referrals and the delivery queues at `now`.
Result<Backlog> read_backlog(OperationsReader& reader, Timestamp now);

}  // namespace enlace::core
