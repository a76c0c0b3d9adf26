// `enlace init --demo`: loads the demo network once and prints its sign-ins.
#pragma once

#include "core/time.hpp"

#include <ostream>
#include <string>

namespace enlace::gateway {

// Seeds the directory and the cases/referrals demo in one transaction and stores the setting
// "demo" = true. Idempotent: when the demo is already there it changes nothing and prints the
// sign-ins again. The schema must be current. Returns the process exit code.
int seed_demo(const std::string& db, core::Timestamp now, std::ostream& out);

}  // namespace enlace::gateway
