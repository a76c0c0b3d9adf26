// What the audit log's use cases read (core/use_cases/audit_log.hpp): the events, filtered,
// newest first, the verification of the hash chain and its stored head, on one read snapshot. The SQL
// adapter (SQLite and PostgreSQL alike) is storage/sql_audit_log_reader.hpp.
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "core/role.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

struct AuditFilter {
  std::optional<std::string> actor;         // user id
  std::optional<std::string> organization;  // organisation id
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();  // at >= from_ms
  std::int64_t until_ms = std::numeric_limits<std::int64_t>::max();  // at < until_ms
  std::int64_t before_seq = std::numeric_limits<std::int64_t>::max();  // the cursor
  int limit = 50;                                                      // rows returned: limit + 1
};

struct AuditRow {
  std::int64_t seq = 0;
  AuditEvent event;
  std::string prev_hash, hash;
};

// What recomputing the chain found.
struct ChainReport {
  bool ok = true;
  std::int64_t events = 0;                 // events verified (before the break, if any)
  std::string head;                        // hash of the last verified event (genesis when empty)
  std::optional<std::int64_t> broken_seq;  // first event that does not verify (or is missing)
  std::string problem;                     // what is wrong with it
  std::optional<std::int64_t> keyed_from;  // the chain's first keyed event; none when unkeyed
  std::string key_id;                      // the chain key's id when keyed
  bool needs_key = false;                  // keyed events were not checked for want of a key
};

// The stored head and count (the last event's seq and hash), not verified: what the hourly
// log line and the backups record.
struct ChainHead {
  std::int64_t events = 0;
  std::string head = std::string(64, '0');  // the genesis hash while the chain is empty
  bool keyed = false;                       // the last event is linked with the chain key
};

// Whether s looks like a head hash (64 lowercase hex digits), as verification prints it.
inline bool is_audit_hash(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Bound to one read snapshot.
class AuditLogReader {
 public:
  virtual ~AuditLogReader() = default;
  // Up to f.limit + 1 events, newest first (the extra one only says "more").
  virtual Result<std::vector<AuditRow>> events(const Actor& actor, const AuditFilter& f) = 0;
  // The whole chain, with the installed chain key; `expect_head` empty or a head recorded
  // earlier that the chain must contain.
  virtual ChainReport verify_chain(const std::string& expect_head) = 0;
  // O(1): a seek to the last event.
  virtual ChainHead chain_head() = 0;
};

}  // namespace enlace::core
