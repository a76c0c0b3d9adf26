// The demo network's directory: territories, organisations, services and one account per
// role, modelled on Legazpi City (Philippines) and Pichincha/Imbabura (Ecuador).
#pragma once

#include "core/time.hpp"
#include "gateway/demo/demo_ids.hpp"

#include <string>
#include <vector>

namespace enlace::gateway {

inline constexpr const char* kDemoPassword = "demo-password-2026";

struct DemoSignIn {
  std::string username, role, organization;  // organisation name, empty for none
};

// The accounts seed_directory_demo creates, in the order they are printed.
const std::vector<DemoSignIn>& demo_sign_ins();

class CommandPorts;

// Creates everything through the directory and account use cases on `ports` and records the
// ids; throws std::runtime_error if a use case refuses (a bug in this file, never user input).
void seed_directory_demo(CommandPorts& ports, core::Timestamp now, DemoIds& ids);

}  // namespace enlace::gateway
