// `enlace rekey`: see rekey_command.hpp. Refuses while a server holds the database (SQLite's
// lock file; on PostgreSQL, a connection of `enlace serve`), because the server would keep
// sealing with the old key.
#include "gateway/rekey_command.hpp"

#include "gateway/cli_commands.hpp"
#include "gateway/clock.hpp"

#include "storage/database_maintenance.hpp"
#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/pg_uri.hpp"
#include "storage/rekey.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace enlace::gateway {

namespace {
void print_error(const core::Error& e) {
  std::cerr << "enlace: "
            << (e.fields.empty() ? e.detail
                                 : e.fields.items()[0].field + ": " + e.fields.items()[0].message)
            << "\n";
}
}  // namespace

int run_rekey(const RekeyArgs& a) {
  auto fresh = storage::read_field_key(a.new_key_file);
  if (!fresh) {
    print_error(fresh.error());
    return 2;
  }
  std::vector<std::string> older;
  std::unique_ptr<const storage::AuditChainKey> old_chain;
  if (!a.old_key_file.empty()) {
    auto old = storage::read_field_key(a.old_key_file);
    if (!old) {
      print_error(old.error());
      return 2;
    }
    old_chain = storage::AuditChainKey::derive(*old);
    older.push_back(*old);
  }
  if (!schema_current(*storage::open_database_maintenance(a.db), a.db)) return 1;
  // On PostgreSQL rekey_database itself refuses while a server is connected.
  std::optional<storage::InstanceLock> lock;
  if (!storage::is_postgres_uri(a.db)) {
    auto held = storage::InstanceLock::acquire(a.db);
    if (!held) {
      std::cerr << "enlace: " << held.error().detail << "\n";
      return 1;
    }
    lock.emplace(std::move(*held));
  }
  // The new key also opens: re-running an interrupted or finished rekey is harmless. Only here
  // is plaintext read as a value (written before the key): it is sealed now.
  storage::FieldCipher opener(*fresh, older, storage::Plaintext::accepted);
  storage::FieldCipher sealer(*fresh);
  // The chain key cannot survive the rotation (it is derived from the key), so the chain is
  // re-linked under the new one and re-anchored: the event records the rotation in it.
  auto new_chain = storage::AuditChainKey::derive(*fresh);
  const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
  auto marker = cli_context(Clock(test_clock ? test_clock : "").now())
                    .event("audit.chain_rekeyed", "audit_chain", new_chain->id());
  storage::ChainRotation rotation{old_chain.get(), *new_chain, marker};
  auto r = storage::rekey_database(a.db, opener, sealer, rotation);
  if (!r) {
    print_error(r.error());
    return 1;
  }
  std::cout << "re-encrypted " << r->values << " values under key " << sealer.key_id() << " ("
            << r->were_plaintext << " were plaintext)\n";
  std::cout << "audit chain re-keyed (key id " << new_chain->id() << "): " << r->chain.events
            << " events, head " << r->chain.new_head << " (was " << r->chain.old_head
            << "); heads recorded before this rotation no longer verify: record this one\n";
  return 0;
}

}  // namespace enlace::gateway
