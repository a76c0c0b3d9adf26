// The cases and referrals of the demo network (seeded after the directory, same transaction).
#pragma once

#include "core/time.hpp"
#include "gateway/demo/demo_ids.hpp"

namespace enlace::gateway {

class CommandPorts;

// Through the case and referral use cases on `ports`; throws std::runtime_error if one
// refuses (a bug in the demo, never user input).
void seed_cases_demo(CommandPorts& ports, core::Timestamp now, const DemoIds& ids);

}  // namespace enlace::gateway
