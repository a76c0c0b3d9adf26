// The key of the audit chain's links. With an encryption key configured, each event is linked
// with HMAC-SHA-256 under a key derived from it (HKDF-SHA-256 with its own label), so that
// whoever can write the database but lacks the key file cannot recompute the chain after an
// edit. The derived key differs from the one that encrypts fields, and neither is stored in
// the database. Immutable after construction: safe to share between threads.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace enlace::storage {

inline constexpr std::size_t kAuditChainKeyBytes = 32;

class AuditChainKey {
 public:
  // HKDF-SHA-256 (RFC 5869) of the field key (the key file's 32 bytes), info
  // "enlace audit chain v1", no salt.
  static std::unique_ptr<const AuditChainKey> derive(std::string_view field_key);
  ~AuditChainKey();
  AuditChainKey(const AuditChainKey&) = delete;
  AuditChainKey& operator=(const AuditChainKey&) = delete;

  // 8 hex digits of a hash of the chain key: names it in the chain's switch-over record and
  // in messages without revealing it.
  const std::string& id() const { return id_; }
  std::string_view bytes() const { return bytes_; }

 private:
  explicit AuditChainKey(std::string bytes);
  std::string bytes_;
  std::string id_;
};

// HKDF-SHA-256 through OpenSSL's EVP_KDF "HKDF"; an empty salt means none (RFC 5869's zeros).
std::string hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info,
                        std::size_t length);

// The process-wide chain key, installed once at start (serve, or a command that writes or
// verifies the chain) before any storage thread runs, like the field cipher (key_ring.hpp).
// Keys are never freed once installed, so a reader holding one stays valid.
void install_audit_chain_key(std::unique_ptr<const AuditChainKey> key);
// nullptr when no key is configured: the chain is then unkeyed (plain SHA-256).
const AuditChainKey* installed_audit_chain_key();
// Reads `key_file` as read_field_key does (field_cipher.hpp) and installs the chain key derived
// from it, the file's bytes cleansed from memory afterwards; read_field_key's error otherwise.
core::Result<void> install_audit_chain_key_from(const std::string& key_file);

}  // namespace enlace::storage
