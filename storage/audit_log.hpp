// The hash-chained audit log. Each row stores SHA-256(prev_hash || canonical fields), so any
// edit, deletion, insertion or reordering breaks the chain at the first touched row.
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::storage {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Appends inside the caller's write transaction (writer thread): the event commits or rolls
// back with the change it records. Reads the head from SQL, so a rolled-back savepoint can
// never leave a stale head in memory.
void append_audit(WriteTxn& tx, const core::AuditEvent& e);

struct ChainReport {
  bool ok = true;
  std::int64_t events = 0;
  std::string head;                    // hash of the last event (genesis when empty)
  std::optional<std::int64_t> broken_seq;  // first event that does not verify
  std::string problem;                 // what is wrong with it
};

// Recomputes the whole chain. Works on any connection (read pool or a command-line one).
ChainReport verify_audit_chain(Connection& c);

// Hex SHA-256 of the canonical encoding; exposed for tests that forge rows.
std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const core::AuditEvent& e);

}  // namespace enlace::storage

namespace enlace::storage {
// Whether an event with this hash is in the log (anchoring: a recorded head must remain).
bool chain_contains(Connection& c, const std::string& hash);
}  // namespace enlace::storage
