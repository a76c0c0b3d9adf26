// Work on units (core/ports/units_of_work.hpp), as the gateway hands it to storage: a write
// job the single writer runs on a SqlWriteUnit over its slot in the group transaction, and the
// plain jobs the pools run on a unit over their transaction (Database::submit_read,
// submit_quick_write). The writer's group commit, savepoints, after-commit order and error
// classification are the writer's own (writer.hpp): these only build the unit around its txn.
#pragma once

#include "core/ports/units_of_work.hpp"
#include "core/result.hpp"

#include <functional>

namespace enlace::storage {

// writer.hpp's WriteJob, on a unit instead of a transaction.
class UnitWriteJob {
 public:
  virtual ~UnitWriteJob() = default;
  // Runs inside the job's SAVEPOINT; false rolls back just this job. Writer thread.
  virtual bool run(core::WriteUnit& unit) = 0;
  // After the batch, or at once when the queue is full: `failure` is null when the batch
  // committed; otherwise nothing of the job is durable and it says why (storage_error.hpp).
  virtual void complete(const core::Error* failure) = 0;
  // Called when run() threw: the job reports this error (its cause is for the log).
  virtual void fail(const core::Error& error) = 0;
};

// A pool's job: runs inside BEGIN ... COMMIT and must catch nothing (a DbError becomes the
// `on_error` call, as connection_pool.hpp says).
using ReadUnitJob = std::function<void(core::ReadUnit&)>;
using WriteUnitJob = std::function<void(core::WriteUnit&)>;
using UnitJobError = std::function<void(const core::Error& error)>;

}  // namespace enlace::storage
