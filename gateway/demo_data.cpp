// `enlace init --demo`: see demo_data.hpp.
#include "gateway/demo_data.hpp"

#include "gateway/cli_commands.hpp"
#include "gateway/command_ports.hpp"
#include "gateway/demo/cases_demo.hpp"
#include "gateway/demo/directory_demo.hpp"
#include "gateway/password_hasher.hpp"

#include <iomanip>
#include <iostream>
#include <stdexcept>

namespace enlace::gateway {

namespace {

void print_sign_ins(std::ostream& out) {
  out << "Demo sign-ins (password " << kDemoPassword
      << "; two-factor is off in this demo):\n";
  for (const auto& s : demo_sign_ins())
    out << "  " << std::left << std::setw(22) << s.username << std::setw(14) << s.role
        << (s.organization.empty() ? "(no organisation)" : s.organization) << "\n";
}

}  // namespace

int seed_demo(const std::string& db, core::Timestamp now, std::ostream& out) {
  try {
    bool refused = false;
    auto seeded = in_command_txn(db, [&](CommandPorts& ports) -> bool {
      // Checked again inside the transaction that seeds: an account added since init's first
      // look must not get the demo's accounts beside it.
      if (ports.any_user()) return !(refused = true);
      DemoIds ids;
      // One Argon2id hash shared by every demo account: they all have the same published
      // password, so hashing it a dozen times would only slow `init --demo`. The salt is then
      // shared too, which is acceptable for demo data only; real accounts each get their own.
      PasswordHasher hasher(Argon2Params{}, 1);
      ids.password_hash = hasher.hash_now(kDemoPassword);
      seed_directory_demo(ports, now, ids);
      seed_cases_demo(ports, now, ids);
      ports.mark_demo(cli_context(now));
      return true;
    });
    if (refused) {
      std::cerr << kDemoRefusal;
      return 1;
    }
    if (seeded) out << "demo network loaded\n";
  } catch (const std::exception& e) {  // CommandDatabaseError among them
    std::cerr << "enlace: could not load the demo: " << e.what() << "\n";
    return 1;
  }
  print_sign_ins(out);
  return 0;
}

}  // namespace enlace::gateway
