// core/directory_access: who may change the directory and grant which roles.
#include "core/directory_access.hpp"

#include "test_support.hpp"

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

TEST(DirectoryAccess, OrgAdminGrantsOrdinaryRolesInOwnOrganisationOnly) {
  auto admin = actor(Role::org_admin, "o-1");
  EXPECT_TRUE(check_user_grant(admin, {Role::caseworker}, "o-1"));
  EXPECT_EQ(check_user_grant(admin, {Role::caseworker}, "o-2").error().code, ErrorCode::forbidden);
  EXPECT_EQ(check_user_grant(admin, {Role::system_admin}, "o-1").error().code, ErrorCode::forbidden);
  EXPECT_EQ(check_user_grant(admin, {Role::auditor}, "o-1").error().code, ErrorCode::forbidden);
  // Nor may they touch an account that already holds a network role.
  EXPECT_EQ(check_user_grant(admin, {Role::caseworker}, "o-1", {Role::auditor}).error().code,
            ErrorCode::forbidden);
}

TEST(DirectoryAccess, SystemAdminGrantsAnythingButRolesNeedAnOrganisation) {
  auto root = actor(Role::system_admin);
  EXPECT_TRUE(check_user_grant(root, {Role::auditor}, ""));
  EXPECT_TRUE(check_user_grant(root, {Role::partner}, "o-9"));
  EXPECT_TRUE(enlace::core::testing::names_field(
      check_user_grant(root, {Role::partner}, "").error(), "organization_id"));
}

TEST(DirectoryAccess, OthersManageNoAccounts) {
  for (Role r : {Role::caseworker, Role::partner, Role::coordinator, Role::auditor})
    EXPECT_EQ(check_user_grant(actor(r, "o-1"), {Role::caseworker}, "o-1").error().code,
              ErrorCode::forbidden);
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
