// `enlace rekey`: re-encrypts every encrypted column (encrypted_columns.hpp) under a new key in
// one transaction, and encrypts what was still plaintext; in the same transaction the audit
// chain is re-linked under the new key's chain key (audit_chain_keying.hpp). The server must
// not be running.
#pragma once

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "storage/audit_chain_keying.hpp"
#include "storage/field_cipher.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::storage {

struct RekeyReport {
  std::int64_t values = 0;           // values rewritten
  std::int64_t were_plaintext = 0;   // of which were not encrypted before
  RechainReport chain;               // the audit chain, re-anchored
};

// The audit chain's keys for a rotation: the one in use (nullptr when there was no key) and the
// new one; `marker` is the event that records the rotation in the chain.
struct ChainRotation {
  const AuditChainKey* current = nullptr;
  const AuditChainKey& fresh;
  core::AuditEvent marker;
};

// `opener` reads the current values (old key, and plaintext: Plaintext::accepted); `sealer`
// writes them and keys the blind name indexes, which are rebuilt. Nothing changes unless
// every value opens and the audit chain verifies under its current key.
core::Result<RekeyReport> rekey_database(const std::string& db_path, const FieldCipher& opener,
                                         const FieldCipher& sealer, const ChainRotation& chain);

// The first encrypted column holding a value that is not sealed (plaintext written before a
// key was configured, or planted), or none. `serve` with a key refuses such a database.
core::Result<std::optional<std::string>> first_unsealed_column(const std::string& db_path);

}  // namespace enlace::storage
