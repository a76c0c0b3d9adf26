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

// Marking a listing verified (POST /services/{id}/verify): its org_admin, or a coordinator,
// who reviews the whole network's stale listings and may confirm one by phone.
bool may_verify_service_of(const Actor& a, const std::string& organization_id);

// Staff accounts: system_admin everywhere, org_admin within their own organisation.
bool may_manage_users(const Actor& a);

// system_admin, auditor and coordinator reach across the whole network (the coordinator reads
// every organisation's statistics): only a system_admin grants them or acts on their holders.
bool is_network_role(Role r);

// An existing account, as much of it as the rules below need.
struct AccountHolder {
  std::string user_id, organization_id;
  std::vector<Role> roles;
};

// The one rule for every action on an existing account (API.md, Accounts): editing,
// deactivating, changing roles, resetting the password or two-factor, ending the sessions.
// system_admin acts on anyone else; org_admin on the other accounts of its own organisation
// that hold no network role (another organisation's account: not_found, as the SQL scoping
// has it). Nobody acts on their own account here: whoever holds a session must not swap the
// password, authenticator or roles without the current password (their own go through /me).
Result<void> check_user_action(const Actor& a, const AccountHolder& target);

// The roles and organisation an account is to have: on top of check_user_action for an
// existing `target` (nullptr when creating), an org_admin grants only org_admin, caseworker
// and partner, within its own organisation. Forbidden -> 403; a missing organisation -> 422
// naming organization_id.
Result<void> check_user_grant(const Actor& a, const std::vector<Role>& roles,
                              const std::string& organization_id,
                              const AccountHolder* target = nullptr);

// The roles as typed: known, not repeated, at least one ("roles[1]" names the bad one).
Result<std::vector<Role>> parse_roles(const std::vector<std::string>& names);

// Usernames: 3 to 100 of letters, digits and . _ - @, starting with a letter or digit.
bool is_valid_username(std::string_view s);

// Category codes: ^[a-z][a-z0-9_]{1,39}$.
bool is_valid_category_code(std::string_view s);

}  // namespace enlace::core
