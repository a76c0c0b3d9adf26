// The process's audit chain key: see chain_key_setup.hpp.
#include "gateway/chain_key_setup.hpp"

#include "gateway/log.hpp"

#include "storage/audit_chain_key.hpp"

#include <iostream>

namespace enlace::gateway {

bool install_chain_key(const ServeConfig& config) {
  if (config.encryption_key_file.empty()) return true;
  // Start-up wiring, as the database password is: the key is the process's, not a database's.
  auto installed = storage::install_audit_chain_key_from(config.encryption_key_file);
  if (!installed) {
    const auto& e = installed.error();
    std::cerr << "enlace: " << e.fields.items()[0].field << ": " << e.fields.items()[0].message << "\n";
    return false;
  }
  return true;
}

bool chain_accepts_installed_key(core::DatabaseMaintenance& db) {
  auto ok = db.check_chain_key();
  if (ok) return true;
  std::cerr << "enlace: " << ok.error().detail << "\n";
  return false;
}

bool prepare_audit_chain(core::DatabaseMaintenance& db, core::Timestamp now) {
  core::AuditEvent marker;
  marker.at = now;
  marker.actor_user = "system";
  marker.role = "system";
  marker.action = "audit.chain_keyed";
  marker.entity_type = "audit_chain";
  marker.outcome = "ok";
  marker.address = "local";
  auto keyed = db.start_audit_chain(marker);
  if (!keyed) {
    std::cerr << "enlace: " << keyed.error().detail << "\n";
    return false;
  }
  if (keyed->keyed_from)
    log_event(LogLevel::info, "audit_chain_keyed",
              {{"keyed_from", *keyed->keyed_from}, {"key_id", keyed->key_id},
               {"detail", "earlier events keep their plain SHA-256 links"}});
  if (keyed->key_id.empty())
    log_event(LogLevel::warn, "audit_chain_unkeyed",
              {{"detail", "no encryption_key_file: the audit chain is plain SHA-256, which anyone "
                          "who can write the database can recompute after an edit"}});
  return true;
}

}  // namespace enlace::gateway
