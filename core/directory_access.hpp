// Who may change the directory (API.md, Directory and administration), and the checks of a
// staff account and a category that do not need the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/role.hpp"

namespace enlace::core {

// Territories, organisations, categories and response standards: system_admin only.
bool may_administer_network(const Actor& a);

// Service listings: the org_admin of the organisation that owns the service.
bool may_manage_services_of(const Actor& a, const std::string& organization_id);

// Staff accounts: system_admin everywhere, org_admin within their own organisation.
bool may_manage_users(const Actor& a);

// An account's roles and organisation as the caller wants to set them. org_admin may neither
// grant system_admin or auditor nor place an account outside their organisation, nor change
// an account that holds those roles. `target_roles` are the account's current roles (empty
// when creating). Forbidden -> 403; a missing organisation -> 422 naming organization_id.
Result<void> check_user_grant(const Actor& a, const std::vector<Role>& roles,
                              const std::string& organization_id,
                              const std::vector<Role>& target_roles = {});

// The roles as typed: known, not repeated, at least one ("roles[1]" names the bad one).
Result<std::vector<Role>> parse_roles(const std::vector<std::string>& names);

// Usernames: 3 to 100 of letters, digits and . _ - @, starting with a letter or digit.
bool is_valid_username(std::string_view s);

// Category codes: ^[a-z][a-z0-9_]{1,39}$.
bool is_valid_category_code(std::string_view s);

}  // namespace enlace::core
