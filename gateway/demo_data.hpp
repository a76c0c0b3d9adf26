// `enlace init --demo`: loads the demo network into a database without users and prints
// its sign-ins.
#pragma once

#include "core/time.hpp"

#include <ostream>
#include <string>

namespace enlace::gateway {

// The demo's twelve accounts share a published password and the demo switches two-factor off,
// so it goes only into a database without users; otherwise this one line says why.
inline constexpr const char* kDemoRefusal =
    "enlace: init --demo refused: the database already has users (the demo would add accounts "
    "with a published password and switch two-factor off); nothing changed\n";

// Seeds the directory and the cases/referrals demo in one transaction and stores the setting
// "demo" = true. A database that has users is refused (kDemoRefusal on stderr, exit code 1)
// and left as it was. The schema must be current. Returns the process exit code.
int seed_demo(const std::string& db, core::Timestamp now, std::ostream& out);

}  // namespace enlace::gateway
