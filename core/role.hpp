// The six roles of API.md and the caller every scoped operation receives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

enum class Role { system_admin, org_admin, caseworker, partner, coordinator, auditor };

inline constexpr Role kAllRoles[] = {Role::system_admin, Role::org_admin,   Role::caseworker,
                                     Role::partner,      Role::coordinator, Role::auditor};

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
// Several roles as one text, space-separated: as an account's row stores them and an audit
// event names them.
std::string roles_text(const std::vector<Role>& roles);

// Roles whose sign-in requires two-factor once enrolment is enforced.
bool role_requires_totp(Role r);
// system_admin and auditor stand outside any organisation; every other role belongs to one.
bool role_needs_organization(Role r);

// Who is calling: carried from authentication down into every storage query.
struct Actor {
  std::string user_id;
  std::string organization_id;  // empty for system_admin/auditor without an organisation
  std::vector<Role> roles;
  std::string session_id;

  bool has(Role r) const {
    for (Role x : roles)
      if (x == r) return true;
    return false;
  }
};

}  // namespace enlace::core
