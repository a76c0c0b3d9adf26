// Role names and role rules.
#include "core/role.hpp"

namespace enlace::core {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::system_admin: return "system_admin";
    case Role::org_admin: return "org_admin";
    case Role::caseworker: return "caseworker";
    case Role::partner: return "partner";
    case Role::coordinator: return "coordinator";
    case Role::auditor: return "auditor";
  }
  return "";
}

std::string roles_text(const std::vector<Role>& roles) {
  std::string out;
  for (auto r : roles) {
    if (!out.empty()) out += ' ';
    out += to_string(r);
  }
  return out;
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

bool role_requires_totp(Role r) {
  return r == Role::system_admin || r == Role::org_admin || r == Role::auditor;
}

bool role_needs_organization(Role r) { return r != Role::system_admin && r != Role::auditor; }

}  // namespace enlace::core
