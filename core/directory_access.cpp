// Directory write permissions and account checks.
#include "core/directory_access.hpp"

#include "core/field_checks.hpp"

namespace enlace::core {

bool may_administer_network(const Actor& a) { return a.has(Role::system_admin); }

bool may_manage_services_of(const Actor& a, const std::string& organization_id) {
  return a.has(Role::org_admin) && !a.organization_id.empty() &&
         a.organization_id == organization_id;
}

bool may_verify_service_of(const Actor& a, const std::string& organization_id) {
  return a.has(Role::coordinator) || may_manage_services_of(a, organization_id);
}

bool may_manage_users(const Actor& a) {
  return a.has(Role::system_admin) || (a.has(Role::org_admin) && !a.organization_id.empty());
}

bool is_network_role(Role r) {
  return r == Role::system_admin || r == Role::auditor || r == Role::coordinator;
}

namespace {
bool holds_network_role(const std::vector<Role>& roles) {
  for (Role r : roles)
    if (is_network_role(r)) return true;
  return false;
}
}  // namespace

Result<void> check_user_action(const Actor& a, const AccountHolder& target) {
  if (!may_manage_users(a)) return Error::forbidden();
  if (target.user_id == a.user_id)
    return Error::forbidden("Nobody administers their own account; another administrator does.");
  if (a.has(Role::system_admin)) return {};
  if (target.organization_id != a.organization_id) return Error::not_found("user");
  if (holds_network_role(target.roles))
    return Error::forbidden("Only a system administrator acts on an account holding system_admin, auditor or coordinator.");
  return {};
}

Result<void> check_user_grant(const Actor& a, const std::vector<Role>& roles,
                              const std::string& organization_id, const AccountHolder* target) {
  if (target) {
    if (auto ok = check_user_action(a, *target); !ok) return ok;
  } else if (!may_manage_users(a)) {
    return Error::forbidden();
  }
  if (!a.has(Role::system_admin)) {
    if (holds_network_role(roles))
      return Error::forbidden("Only a system administrator grants system_admin, auditor or coordinator.");
    if (organization_id != a.organization_id)
      return Error::forbidden("You manage the accounts of your own organisation only.");
  }
  bool needs_org = false;
  for (Role r : roles) needs_org = needs_org || role_needs_organization(r);
  if (needs_org && organization_id.empty())
    return Error::invalid_field("organization_id", "is required for these roles");
  return {};
}

Result<std::vector<Role>> parse_roles(const std::vector<std::string>& names) {
  FieldErrors errors;
  if (names.empty()) errors.add("roles", "must list at least one role");
  auto roles = check_code_list<Role>(errors, "roles", names, parse_role);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return *roles;
}

bool is_valid_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 100) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-' && c != '@'))) return false;
  }
  return true;
}

bool is_valid_category_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 40 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace enlace::core
