// The process's audit chain key: see chain_key_setup.hpp.
#include "gateway/chain_key_setup.hpp"

#include "gateway/clock.hpp"
#include "gateway/log.hpp"

#include "storage/audit_chain_key.hpp"
#include "storage/audit_chain_keying.hpp"
#include "storage/field_cipher.hpp"
#include "storage/sql.hpp"

#include <openssl/crypto.h>

#include <iostream>

namespace enlace::gateway {

bool install_chain_key(const ServeConfig& config) {
  if (config.encryption_key_file.empty()) return true;
  auto key = storage::read_field_key(config.encryption_key_file);
  if (!key) {
    const auto& e = key.error();
    std::cerr << "enlace: " << e.fields.items()[0].field << ": " << e.fields.items()[0].message << "\n";
    return false;
  }
  storage::install_audit_chain_key(storage::AuditChainKey::derive(*key));
  OPENSSL_cleanse(key->data(), key->size());
  return true;
}

bool chain_accepts_installed_key(const std::string& db) {
  try {
    auto c = storage::Connection::open(db, {.read_only = true});
    auto ok = storage::check_audit_chain_key(c, storage::installed_audit_chain_key());
    if (ok) return true;
    std::cerr << "enlace: " << ok.error().detail << "\n";
    return false;
  } catch (const storage::DbError&) {
    return true;  // no database, or not initialised: the command itself says so
  }
}

bool prepare_audit_chain(const ServeConfig& config) {
  const auto* key = storage::installed_audit_chain_key();
  core::AuditEvent marker;
  marker.at = Clock(config.test_clock_file).now();
  marker.actor_user = "system";
  marker.role = "system";
  marker.action = "audit.chain_keyed";
  marker.entity_type = "audit_chain";
  marker.entity_id = key ? key->id() : "";
  marker.outcome = "ok";
  marker.address = "local";
  auto keyed = storage::start_audit_chain(config.db, key, marker);
  if (!keyed) {
    std::cerr << "enlace: " << keyed.error().detail << "\n";
    return false;
  }
  if (*keyed)
    log_event(LogLevel::info, "audit_chain_keyed",
              {{"keyed_from", **keyed}, {"key_id", key->id()},
               {"detail", "earlier events keep their plain SHA-256 links"}});
  if (!key)
    log_event(LogLevel::warn, "audit_chain_unkeyed",
              {{"detail", "no encryption_key_file: the audit chain is plain SHA-256, which anyone "
                          "who can write the database can recompute after an edit"}});
  return true;
}

}  // namespace enlace::gateway
