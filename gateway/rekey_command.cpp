// `enlace rekey`: see rekey_command.hpp. Refuses while a server holds the database, because
// the server would keep sealing with the old key.
#include "gateway/rekey_command.hpp"

#include "storage/instance_lock.hpp"
#include "storage/migrations.hpp"
#include "storage/rekey.hpp"

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

int run_rekey(const RekeyArgs& a) {
  auto fresh = storage::read_field_key(a.new_key_file);
  if (!fresh) {
    print_error(fresh.error());
    return 2;
  }
  std::vector<std::string> older;
  if (!a.old_key_file.empty()) {
    auto old = storage::read_field_key(a.old_key_file);
    if (!old) {
      print_error(old.error());
      return 2;
    }
    older.push_back(*old);
  }
  auto version = storage::schema_version(a.db);
  if (!version || *version != storage::latest_schema_version()) {
    std::cerr << "enlace: run `enlace init --db " << a.db << "` first\n";
    return 1;
  }
  auto lock = storage::InstanceLock::acquire(a.db);
  if (!lock) {
    std::cerr << "enlace: " << lock.error().detail << "\n";
    return 1;
  }
  // The new key also opens: re-running an interrupted or finished rekey is harmless. Only here
  // is plaintext read as a value (written before the key): it is sealed now.
  storage::FieldCipher opener(*fresh, older, storage::Plaintext::accepted);
  storage::FieldCipher sealer(*fresh);
  auto r = storage::rekey_database(a.db, opener, sealer);
  if (!r) {
    print_error(r.error());
    return 1;
  }
  std::cout << "re-encrypted " << r->values << " values under key " << sealer.key_id() << " ("
            << r->were_plaintext << " were plaintext)\n";
  return 0;
}

}  // namespace enlace::gateway
