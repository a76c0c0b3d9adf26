// Keying the audit chain (audit_log.hpp): the switch-over at the first start with a key, the
// check that a process may write to the chain, and re-linking under a new key for `enlace
// rekey`. The chain key survives no rotation: rekey re-anchors the chain (new heads).
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "storage/audit_chain_key.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::storage {

// Whether a process with `key` (nullptr: none) may append to the chain: a keyed chain needs the
// key it is keyed with (conflict otherwise, naming the ids, never the keys).
template <class Txn>
core::Result<void> check_audit_chain_key(Txn& tx, const AuditChainKey* key);

// At start with a key: a chain with events but none keyed gets `marker`, linked with the key,
// which records the switch-over; earlier events keep their plain links. Returns the marker's
// seq, or nothing when the chain was empty or keyed already.
core::Result<std::optional<std::int64_t>> key_audit_chain(WriteTxn& tx, const AuditChainKey& key,
                                                          const core::AuditEvent& marker);

// serve's start-up on its own connection, before the writer opens: the check above and, with a
// key, key_audit_chain.
core::Result<std::optional<std::int64_t>> start_audit_chain(const std::string& db_path,
                                                            const AuditChainKey* key,
                                                            const core::AuditEvent& marker);

struct RechainReport {
  std::int64_t events = 0;    // events in the chain afterwards, the marker included
  std::int64_t relinked = 0;  // keyed events whose links were recomputed
  std::string old_head, new_head;
};

// `enlace rekey`: verifies the whole chain under `current` (the key in use; nullptr when none),
// then recomputes every keyed link under `fresh`, records fresh's id, and appends `marker`
// linked with it (which keys an unkeyed chain). Refuses, changing nothing, a chain that does
// not verify: a rotation must not launder an edit.
core::Result<RechainReport> rechain_audit_log(WriteTxn& tx, const AuditChainKey* current,
                                              const AuditChainKey& fresh,
                                              const core::AuditEvent& marker);

}  // namespace enlace::storage
