// The hash-chained audit log. Each row stores a hash of (prev_hash || canonical fields), so any
// edit, deletion, insertion or reordering breaks the chain at the first touched row. With a
// key configured (audit_chain_key.hpp) the link is HMAC-SHA-256 under the chain key, which
// nobody without the key file can recompute; without one it is plain SHA-256. A chain that
// began unkeyed stays plain up to a switch-over event, recorded in the setting
// kAuditChainSetting ({"keyed_from":SEQ,"key_id":ID}); every event from there on is keyed, and
// a verifier never accepts a plain link after it.
#pragma once

#include "core/audit_event.hpp"
#include "core/ports/audit_log_reader.hpp"
#include "core/result.hpp"
#include "storage/audit_chain_key.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::storage {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";
inline constexpr const char* kAuditChainSetting = "audit_chain";

// Thrown by append_audit when the chain is keyed and no key (or another key) is configured:
// a plain link after a keyed one would break the chain for good. The writer turns it into an
// internal error; serve and the commands check before they write (check_audit_chain_key).
struct AuditChainKeyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends inside the caller's write transaction (writer thread): the event commits or rolls
// back with the change it records. The head is read from SQL on every append (a rowid seek on
// the cached statement): a head cached in memory would survive a rolled-back savepoint, and
// would fork the chain when another process (`enlace user add`, `enlace purge`) appends.
// Links with the installed chain key, if any; the first keyed event records the switch-over.
// Returns the event's seq.
std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e);
std::int64_t append_audit(WriteTxn& tx, const core::AuditEvent& e, const AuditChainKey* key);

// One event for a page of a listing (API.md, Data protection: one event per page, naming the
// records shown): entity_id lists the ids, comma-separated, so the chain covers them, and the
// ids are indexed so that the person's access report finds the pages their record appeared on:
// on SQLite one audit_listing document per page (migration 24), on PostgreSQL an audit_record
// row per id. A page of 500 is one hashed event, not 500. Ids are the server's own (no
// commas). An empty page is an event with an empty entity_id.
void append_audit_listing(WriteTxn& tx, core::AuditEvent e, const std::vector<std::string>& ids);

// The audit_listing token of one record shown (SQLite): the hex of "entity_type:entity_id",
// one token whatever the id holds. SQL spells the same token hex(entity_type || ':' || id).
std::string listing_token(std::string_view entity_type, std::string_view entity_id);

// Where the chain became keyed, as recorded in kAuditChainSetting.
struct ChainKeying {
  std::int64_t keyed_from = 0;  // the first keyed event
  std::string key_id;
};
// The record, or nothing for an unkeyed chain; a malformed record comes back with
// keyed_from 0, which no event has, so that verification fails on it.
template <class Txn>
std::optional<ChainKeying> read_chain_keying(Txn& tx);

using ChainReport = core::ChainReport;  // core/ports/audit_log_reader.hpp

// Recomputes the whole chain in one pass. Works on any connection (a read-pool snapshot or a
// command-line one). With expect_head (a head recorded earlier), the chain must also contain
// that hash; otherwise events after the verified end were cut off or the log was rewritten,
// and broken_seq is the first event that should follow the verified end. With a key, a
// non-empty chain with no keyed event fails: it was rewritten without the key (or no server has
// run with the key yet).
//
// ChainCheck::copy is for backup and restore, which must work without the key: keyed events
// are then checked for their links to each other only (needs_key is set, ok may stay true),
// and a chain with no keyed event passes whatever the key.
enum class ChainCheck { full, copy };
ChainReport verify_audit_chain(Connection& c, std::string_view expect_head = {},
                               const AuditChainKey* key = installed_audit_chain_key(),
                               ChainCheck check = ChainCheck::full);

// The rows a verification reads, in order; the same SQL on SQLite and PostgreSQL.
inline constexpr const char* kAuditVerifySql = R"sql(
    SELECT seq, at, actor_user, organization, role, action, entity_type, entity_id, outcome,
           address, request_id, prev_hash, hash
      FROM audit_event ORDER BY seq)sql";

// The same verification over rows of kAuditVerifySql read from PostgreSQL
// (postgres/pg_audit_log.hpp reads them and the keying record).
class PgRowCursor;
ChainReport verify_audit_rows(PgRowCursor& rows, const std::optional<ChainKeying>& keying,
                              std::string_view expect_head, const AuditChainKey* key,
                              ChainCheck check);

// Throws AuditChainKeyError when an event linked with `key` (nullptr: plain) may not be added
// to a chain with this keying record: a keyed chain needs its own key.
void check_key_for_append(const std::optional<ChainKeying>& keying, const AuditChainKey* key);

using core::is_audit_hash;  // core/ports/audit_log_reader.hpp

// Hex SHA-256 of the canonical encoding: the unkeyed link, and what an attacker without the
// key can compute (tests forge rows with it).
std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const core::AuditEvent& e);
// Hex HMAC-SHA-256 of the canonical encoding under `key`: the keyed link.
std::string audit_hmac(const AuditChainKey& key, const std::string& prev_hash, std::int64_t seq,
                       const core::AuditEvent& e);

// The stored head and count, without verifying. O(1).
using ChainHead = core::ChainHead;  // core/ports/audit_log_reader.hpp
template <class Txn>
ChainHead read_chain_head(Txn& tx);

}  // namespace enlace::storage
