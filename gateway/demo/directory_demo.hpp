// The demo network's directory: territories, organisations, services and one account per
// role, modelled on Legazpi City (Philippines) and Pichincha/Imbabura (Ecuador).
#pragma once

#include "core/time.hpp"
#include "gateway/demo/demo_ids.hpp"
#include "storage/txn.hpp"

#include <string>
#include <vector>

namespace enlace::gateway {

inline constexpr const char* kDemoPassword = "demo-password-2026";

struct DemoSignIn {
  std::string username, role, organization;  // organisation name, empty for none
};

// The accounts seed_directory_demo creates, in the order they are printed.
const std::vector<DemoSignIn>& demo_sign_ins();

// Inserts everything into `tx` and records the ids; throws std::runtime_error if the data
// does not validate (a bug in this file, never user input).
void seed_directory_demo(storage::WriteTxn& tx, core::Timestamp now, DemoIds& ids);

}  // namespace enlace::gateway
