// The audit chain's lock, taken early where a write draws a number from its table.
#pragma once

#include "storage/txn.hpp"

namespace enlace::storage {

// On PostgreSQL, takes the audit chain's transaction lock now (SQLite's single writer needs
// none). Two processes drawing a number from a table (MAX + 1, or an id a reader follows) before
// it could draw the same one, or commit after a higher one a reader already passed. Every such
// write appends an audit event in the same transaction, which takes this lock anyway: taking it
// before the draw adds no waiting.
void hold_chain_lock(WriteTxn& tx);

}  // namespace enlace::storage
