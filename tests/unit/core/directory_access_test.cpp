// core/directory_access: who may change the directory and grant which roles.
#include "core/directory_access.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <optional>

using namespace enlace::core;

namespace {
Actor actor(Role r, std::string org = "") { return Actor{"u-1", std::move(org), {r}, "s-1"}; }
}  // namespace

TEST(DirectoryAccess, OnlySystemAdminAdministersTheNetwork) {
  for (Role r : kAllRoles)
    EXPECT_EQ(may_administer_network(actor(r, "o-1")), r == Role::system_admin) << to_string(r);
}

TEST(DirectoryAccess, ServicesBelongToTheOrgAdminOfTheirOrganisation) {
  EXPECT_TRUE(may_manage_services_of(actor(Role::org_admin, "o-1"), "o-1"));
  EXPECT_FALSE(may_manage_services_of(actor(Role::org_admin, "o-1"), "o-2"));
  EXPECT_FALSE(may_manage_services_of(actor(Role::system_admin), "o-1"));
  EXPECT_FALSE(may_manage_services_of(actor(Role::caseworker, "o-1"), "o-1"));
}

TEST(DirectoryAccess, TheOwnersOrgAdminOrACoordinatorVerifiesAListing) {
  EXPECT_TRUE(may_verify_service_of(actor(Role::org_admin, "o-1"), "o-1"));
  EXPECT_TRUE(may_verify_service_of(actor(Role::coordinator, "o-2"), "o-1"));
  EXPECT_FALSE(may_verify_service_of(actor(Role::org_admin, "o-2"), "o-1"));
  EXPECT_FALSE(may_verify_service_of(actor(Role::caseworker, "o-1"), "o-1"));
  EXPECT_FALSE(may_verify_service_of(actor(Role::system_admin), "o-1"));
}

TEST(DirectoryAccess, OrgAdminGrantsOrdinaryRolesInOwnOrganisationOnly) {
  auto admin = actor(Role::org_admin, "o-1");
  EXPECT_TRUE(check_user_grant(admin, {Role::caseworker}, "o-1"));
  EXPECT_TRUE(check_user_grant(admin, {Role::partner, Role::org_admin}, "o-1"));
  EXPECT_EQ(check_user_grant(admin, {Role::caseworker}, "o-2").error().code, ErrorCode::forbidden);
  EXPECT_EQ(check_user_grant(admin, {Role::system_admin}, "o-1").error().code, ErrorCode::forbidden);
  EXPECT_EQ(check_user_grant(admin, {Role::auditor}, "o-1").error().code, ErrorCode::forbidden);
  // coordinator reads the whole network's statistics: a network role like the other two.
  EXPECT_EQ(check_user_grant(admin, {Role::coordinator}, "o-1").error().code, ErrorCode::forbidden);
  // Nor may they touch an account that already holds a network role.
  AccountHolder auditor{"u-2", "o-1", {Role::auditor}};
  EXPECT_EQ(check_user_grant(admin, {Role::caseworker}, "o-1", &auditor).error().code,
            ErrorCode::forbidden);
}

TEST(DirectoryAccess, OrgAdminCannotActOnTheSystemAdminOfItsOrganisation) {
  // The finding: a system_admin who is also org_admin of the organisation had their
  // two-factor reset by that organisation's other org_admin.
  AccountHolder boss{"u-2", "o-1", {Role::system_admin, Role::org_admin}};
  EXPECT_EQ(check_user_action(actor(Role::org_admin, "o-1"), boss).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(check_user_action(actor(Role::system_admin), boss));
}

TEST(DirectoryAccess, NobodyActsOnTheirOwnAccountOrChangesTheirOwnRoles) {
  for (Role r : kAllRoles) {
    Actor self = actor(r, role_needs_organization(r) ? "o-1" : "");
    AccountHolder own{self.user_id, self.organization_id, self.roles};
    EXPECT_EQ(check_user_action(self, own).error().code, ErrorCode::forbidden) << to_string(r);
    EXPECT_EQ(check_user_grant(self, self.roles, self.organization_id, &own).error().code,
              ErrorCode::forbidden)
        << to_string(r);
  }
}

TEST(DirectoryAccess, SystemAdminGrantsAnythingButRolesNeedAnOrganisation) {
  auto root = actor(Role::system_admin);
  EXPECT_TRUE(check_user_grant(root, {Role::auditor}, ""));
  EXPECT_TRUE(check_user_grant(root, {Role::partner}, "o-9"));
  EXPECT_TRUE(check_user_grant(root, {Role::coordinator}, "o-9"));
  EXPECT_TRUE(enlace::core::testing::names_field(
      check_user_grant(root, {Role::partner}, "").error(), "organization_id"));
}

TEST(DirectoryAccess, OthersManageNoAccounts) {
  AccountHolder ana{"u-2", "o-1", {Role::caseworker}};
  for (Role r : {Role::caseworker, Role::partner, Role::coordinator, Role::auditor}) {
    EXPECT_EQ(check_user_grant(actor(r, "o-1"), {Role::caseworker}, "o-1").error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(check_user_action(actor(r, "o-1"), ana).error().code, ErrorCode::forbidden);
  }
}

namespace {

// Every set of roles, as the bits of a number below 64 (kAllRoles' order).
std::vector<Role> roles_of(unsigned bits) {
  std::vector<Role> out;
  for (unsigned i = 0; i < std::size(kAllRoles); ++i)
    if (bits & (1u << i)) out.push_back(kAllRoles[i]);
  return out;
}
bool holds(const std::vector<Role>& roles, Role r) {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}
std::string names(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) out += std::string(to_string(r)) + " ";
  return out;
}

// API.md's words, written out again here so that a change to the rule is a change in two places.
const std::vector<Role> kOrgAdminGrants = {Role::org_admin, Role::caseworker, Role::partner};

std::optional<ErrorCode> expected_action(const Actor& a, const AccountHolder& t) {
  bool root = holds(a.roles, Role::system_admin);
  if (!root && !(holds(a.roles, Role::org_admin) && !a.organization_id.empty()))
    return ErrorCode::forbidden;
  if (t.user_id == a.user_id) return ErrorCode::forbidden;
  if (root) return std::nullopt;
  if (t.organization_id != a.organization_id) return ErrorCode::not_found;
  for (Role r : t.roles)
    if (!holds(kOrgAdminGrants, r)) return ErrorCode::forbidden;
  return std::nullopt;
}

std::optional<ErrorCode> expected_grant(const Actor& a, const std::vector<Role>& roles,
                                        const std::string& org, const AccountHolder* t) {
  bool root = holds(a.roles, Role::system_admin);
  if (t) {
    if (auto e = expected_action(a, *t)) return e;
  } else if (!root && !(holds(a.roles, Role::org_admin) && !a.organization_id.empty())) {
    return ErrorCode::forbidden;
  }
  if (!root) {
    for (Role r : roles)
      if (!holds(kOrgAdminGrants, r)) return ErrorCode::forbidden;
    if (org != a.organization_id) return ErrorCode::forbidden;
  }
  bool needs_org = false;
  for (Role r : roles) needs_org = needs_org || (r != Role::system_admin && r != Role::auditor);
  if (needs_org && org.empty()) return ErrorCode::invalid;
  return std::nullopt;
}

std::optional<ErrorCode> code_of(const Result<void>& r) {
  if (r) return std::nullopt;
  return r.error().code;
}

}  // namespace

// Every caller (each set of roles, with and without an organisation) against every account
// (each set of roles; itself, in its organisation, in another, in none).
TEST(DirectoryAccess, EveryCallerAgainstEveryAccount) {
  int allowed = 0;
  for (unsigned caller_bits = 1; caller_bits < 64; ++caller_bits) {
    for (const std::string caller_org : {"o-1", ""}) {
      Actor a{"u-1", caller_org, roles_of(caller_bits), "s-1"};
      for (unsigned target_bits = 1; target_bits < 64; ++target_bits) {
        auto target_roles = roles_of(target_bits);
        const AccountHolder targets[] = {{"u-1", caller_org, target_roles},
                                         {"u-2", "o-1", target_roles},
                                         {"u-2", "o-2", target_roles},
                                         {"u-2", "", target_roles}};
        for (const auto& t : targets) {
          auto want = expected_action(a, t);
          EXPECT_EQ(code_of(check_user_action(a, t)), want)
              << names(a.roles) << "in '" << caller_org << "' on " << t.user_id << " "
              << names(t.roles) << "in '" << t.organization_id << "'";
          allowed += !want;
        }
      }
    }
  }
  EXPECT_GT(allowed, 0);
}

TEST(DirectoryAccess, EveryCallerGrantingEverySetOfRoles) {
  AccountHolder caseworker{"u-2", "o-1", {Role::caseworker}};
  for (unsigned caller_bits = 1; caller_bits < 64; ++caller_bits) {
    for (const std::string caller_org : {"o-1", ""}) {
      Actor a{"u-1", caller_org, roles_of(caller_bits), "s-1"};
      for (unsigned grant_bits = 1; grant_bits < 64; ++grant_bits) {
        auto roles = roles_of(grant_bits);
        for (const std::string org : {"o-1", "o-2", ""}) {
          EXPECT_EQ(code_of(check_user_grant(a, roles, org)), expected_grant(a, roles, org, nullptr))
              << names(a.roles) << "in '" << caller_org << "' creates " << names(roles) << "in '" << org << "'";
        }
        EXPECT_EQ(code_of(check_user_grant(a, roles, "o-1", &caseworker)),
                  expected_grant(a, roles, "o-1", &caseworker))
            << names(a.roles) << "in '" << caller_org << "' makes a caseworker " << names(roles);
      }
    }
  }
}

TEST(DirectoryAccess, RolesParseAndRepeatsAreNamed) {
  EXPECT_TRUE(parse_roles({"caseworker", "org_admin"}));
  EXPECT_TRUE(enlace::core::testing::names_field(parse_roles({"caseworker", "boss"}).error(), "roles[1]"));
  EXPECT_TRUE(enlace::core::testing::names_field(parse_roles({"partner", "partner"}).error(), "roles[1]"));
  EXPECT_TRUE(enlace::core::testing::names_field(parse_roles({}).error(), "roles"));
}

TEST(DirectoryAccess, UsernameAndCategoryCodeRules) {
  EXPECT_TRUE(is_valid_username("legazpi.caseworker"));
  EXPECT_FALSE(is_valid_username("ab"));
  EXPECT_FALSE(is_valid_username(".dot"));
  EXPECT_FALSE(is_valid_username("has space"));
  EXPECT_TRUE(is_valid_category_code("seed_funds"));
  EXPECT_FALSE(is_valid_category_code("Seed"));
  EXPECT_FALSE(is_valid_category_code("x"));
  EXPECT_FALSE(is_valid_category_code("1abc"));
  EXPECT_FALSE(is_valid_category_code(std::string(41, 'a')));
}
