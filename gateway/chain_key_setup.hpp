// The audit chain key of this process (storage/audit_chain_key.hpp), derived from the same
// encryption_key_file that `serve` reads, for the server and for the commands that write or
// verify the chain beside it.
#pragma once

#include "core/ports/database_maintenance.hpp"
#include "core/time.hpp"
#include "gateway/config.hpp"

#include <string>

namespace enlace::gateway {

// Reads config.encryption_key_file (nothing to do when unset) and installs its chain key.
// Prints the problem and returns false when the file cannot be read.
bool install_chain_key(const ServeConfig& config);

// For a command about to append events: prints why and returns false when the chain of `db`
// is keyed and the installed key cannot write it (no key, or another key).
bool chain_accepts_installed_key(core::DatabaseMaintenance& db);

// `serve`, after migrating and before the writer opens: with a key, keys a chain that has no
// keyed event yet (a switch-over event, logged as audit_chain_keyed); without one, warns that
// the chain is unkeyed. Prints why and returns false when the chain is keyed and the installed
// key cannot write it. The switch-over event is at `now` (the server's clock).
bool prepare_audit_chain(core::DatabaseMaintenance& db, core::Timestamp now);

}  // namespace enlace::gateway
