// The ports a command builds: see command_ports.hpp.
#include "gateway/command_ports.hpp"

namespace enlace::gateway {

core::Actor command_actor() {
  core::Actor a;
  a.user_id = "cli";
  a.roles = {core::Role::system_admin};
  return a;
}

bool CommandPorts::any_user() { return unit_.accounts().any_user(); }

void CommandPorts::mark_demo(const core::AuditContext& origin) {
  unit_.settings().mark_demo(origin.at);
  audit(origin).record("demo.seed", "setting", core::kDemoSettingKey, "ok");
}

}  // namespace enlace::gateway
