// The hash-chained audit log. Each row stores SHA-256(prev_hash || canonical fields), so any
// edit, deletion, insertion or reordering breaks the chain at the first touched row.
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Appends inside the caller's write transaction (writer thread): the event commits or rolls
// back with the change it records. The head is read from SQL on every append (a rowid seek on
// the cached statement): a head cached in memory would survive a rolled-back savepoint, and
// would fork the chain when another process (`enlace user add`, `enlace purge`) appends.
// Returns the event's seq.
std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e);

// One event for a page of a listing (API.md, Data protection: one event per page, naming the
// records shown): entity_id lists the ids, comma-separated, so the chain covers them, and each
// id also gets an audit_record row so that the person's access report finds the pages their
// record appeared on by index. A page of 500 is one hashed event, not 500. Ids are the
// server's own (no commas). An empty page is an event with an empty entity_id.
void append_audit_listing(WriteTxn& tx, core::AuditEvent e, const std::vector<std::string>& ids);

struct ChainReport {
  bool ok = true;
  std::int64_t events = 0;                 // events verified (before the break, if any)
  std::string head;                        // hash of the last verified event (genesis when empty)
  std::optional<std::int64_t> broken_seq;  // first event that does not verify (or is missing)
  std::string problem;                     // what is wrong with it
};

// Recomputes the whole chain in one pass. Works on any connection (a read-pool snapshot or a
// command-line one). With expect_head (a head recorded earlier), the chain must also contain
// that hash; otherwise events after the verified end were cut off or the log was rewritten,
// and broken_seq is the first event that should follow the verified end.
ChainReport verify_audit_chain(Connection& c, std::string_view expect_head = {});

// Whether s looks like a head hash (64 lowercase hex digits).
bool is_audit_hash(std::string_view s);

// Hex SHA-256 of the canonical encoding; exposed for tests that forge rows.
std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const core::AuditEvent& e);

}  // namespace enlace::storage
