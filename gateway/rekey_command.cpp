// `enlace rekey`: see rekey_command.hpp. Refuses while a server holds the database (SQLite's
// lock file; on PostgreSQL, a connection of `enlace serve`), because the server would keep
// sealing with the old key.
#include "gateway/rekey_command.hpp"

#include "gateway/cli_commands.hpp"
#include "gateway/clock.hpp"

#include <cstdlib>
#include <iostream>

namespace enlace::gateway {

namespace {
void print_error(const core::Error& e) {
  std::cerr << "enlace: "
            << (e.fields.empty() ? e.detail
                                 : e.fields.items()[0].field + ": " + e.fields.items()[0].message)
            << "\n";
}
}  // namespace

int run_rekey(core::DatabaseMaintenance& maintenance, const RekeyArgs& a) {
  const char* test_clock = std::getenv("ENLACE_TEST_CLOCK_FILE");
  core::KeyRotation rotation{a.new_key_file, a.old_key_file,
                             cli_context(Clock(test_clock ? test_clock : "").now())
                                 .event("audit.chain_rekeyed", "audit_chain", "")};
  if (auto keys = maintenance.check_key_files(rotation); !keys) {
    print_error(keys.error());
    return 2;
  }
  if (!schema_current(maintenance, a.db)) return 1;
  auto r = maintenance.rekey(rotation);
  if (!r) {
    print_error(r.error());
    return 1;
  }
  std::cout << "re-encrypted " << r->values << " values under key " << r->key_id << " ("
            << r->were_plaintext << " were plaintext)\n";
  std::cout << "audit chain re-keyed (key id " << r->chain_key_id << "): " << r->chain_events
            << " events, head " << r->new_head << " (was " << r->old_head
            << "); heads recorded before this rotation no longer verify: record this one\n";
  return 0;
}

}  // namespace enlace::gateway
