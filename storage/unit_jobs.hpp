// Work on units (core/ports/units_of_work.hpp), as the gateway hands it to storage through
// core::Transactions (core/ports/transactions.hpp): a write job the single writer runs on a
// SqlWriteUnit over its slot in the group transaction, and the plain jobs the pools run on a
// unit over their transaction (Database::submit_read, submit_quick_write). The writer's group
// commit, savepoints, after-commit order and error classification are the writer's own
// (writer.hpp): these only build the unit around its txn. The job types are core's; storage
// keeps its names for them.
#pragma once

#include "core/ports/transactions.hpp"

namespace enlace::storage {

// writer.hpp's WriteJob, on a unit instead of a transaction.
using UnitWriteJob = core::UnitWriteJob;

// A pool's job: runs inside BEGIN ... COMMIT and must catch nothing (a DbError becomes the
// `on_error` call, as connection_pool.hpp says).
using ReadUnitJob = core::ReadUnitJob;
using WriteUnitJob = core::WriteUnitJob;
using UnitJobError = core::UnitJobError;

}  // namespace enlace::storage
