// The ports a command builds: see command_ports.hpp.
#include "gateway/command_ports.hpp"

#include "storage/settings_repository.hpp"
#include "storage/user_repository.hpp"

namespace enlace::gateway {

core::Actor command_actor() {
  core::Actor a;
  a.user_id = "cli";
  a.roles = {core::Role::system_admin};
  return a;
}

bool CommandSessionEndings::end_session(const std::string& user_id,
                                        const std::string& session_id, core::Timestamp now) {
  return storage::SessionRepository::end(tx_, user_id, session_id, now);
}

int CommandSessionEndings::end_sessions_of(const std::string& user_id,
                                           const std::string& except_session_id,
                                           core::Timestamp now) {
  return storage::SessionRepository::end_all_for_user(tx_, user_id, except_session_id, now);
}

bool CommandPorts::any_user() { return storage::UserRepository::any_user(tx_); }

void CommandPorts::mark_demo(const core::AuditContext& origin) {
  storage::SettingsRepository::mark_demo(tx_, origin.at);
  audit(origin).record("demo.seed", "setting", storage::kDemoKey, "ok");
}

}  // namespace enlace::gateway
