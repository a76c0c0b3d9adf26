// Who may act on whose account, over HTTP against the real server (API.md, Additions:
// "Accounts: e-mail, language, administration"). An org_admin acts only on users of its own
// organisation holding no network role (system_admin, auditor, coordinator), grants only
// org_admin, caseworker and partner, and never acts on itself; nobody changes their own roles.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <functional>

using enlace::test::HttpResponse;
using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

// Two organisations; in org-a an org_admin, a caseworker and the holders of network roles an
// org_admin must not touch; in org-b a caseworker the org_admin cannot see.
class AccountGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    enlace::test::insert_territory(s.db_path(), "t-1", "Legazpi");
    enlace::test::insert_organization(s.db_path(), "org-a", "Desk A", "t-1");
    enlace::test::insert_organization(s.db_path(), "org-b", "Desk B", "t-1");
    root_id = s.add_user("root", {"system_admin"});
    boss_id = s.add_user("boss", {"system_admin", "org_admin"}, "org-a");
    coordinator_id = s.add_user("coord", {"coordinator"}, "org-a");
    admin_id = s.add_user("admin-a", {"org_admin"}, "org-a");
    ana_id = s.add_user("ana", {"caseworker"}, "org-a");
    ben_id = s.add_user("ben", {"caseworker"}, "org-b");
    root = s.login("root");
    admin = s.login("admin-a");
  }

  std::string version_of(const std::string& id) {
    auto r = s.get("/api/v1/users/" + id, root);
    return std::to_string(r.json().at("version").as_int64());
  }
  HttpResponse patch_user(const std::string& id, const json::value& body, const std::string& token) {
    return s.patch("/api/v1/users/" + id, body, token, version_of(id));
  }
  HttpResponse action(const std::string& id, const std::string& what, const std::string& token) {
    return s.post("/api/v1/users/" + id + "/" + what, json::object{}, token);
  }

  // Every action on another account, each answering its own status.
  struct Action {
    std::string what;
    std::function<HttpResponse(AccountGrantsTest&, const std::string& id, const std::string& token)> run;
  };
  static std::vector<Action> every_action() {
    return {
        {"reset-password", [](auto& t, auto& id, auto& tok) { return t.action(id, "reset-password", tok); }},
        {"reset-two-factor", [](auto& t, auto& id, auto& tok) { return t.action(id, "reset-two-factor", tok); }},
        {"sessions/end-all", [](auto& t, auto& id, auto& tok) { return t.action(id, "sessions/end-all", tok); }},
        {"PATCH display_name",
         [](auto& t, auto& id, auto& tok) { return t.patch_user(id, {{"display_name", "Renamed"}}, tok); }},
        {"PATCH active", [](auto& t, auto& id, auto& tok) { return t.patch_user(id, {{"active", false}}, tok); }},
        {"PATCH roles",
         [](auto& t, auto& id, auto& tok) { return t.patch_user(id, {{"roles", {"caseworker"}}}, tok); }},
    };
  }

  ServerProcess s;
  std::string root_id, boss_id, coordinator_id, admin_id, ana_id, ben_id, root, admin;
};

}  // namespace

// The finding: an org_admin reset the two-factor of a system_admin who is also org_admin of
// its organisation and got a temporary password for it. Now every action is 403 and the
// account is as it was: its password and its session still work.
TEST_F(AccountGrantsTest, OrgAdminCannotActOnHoldersOfNetworkRolesInItsOrganisation) {
  const std::vector<std::pair<std::string, std::string>> protected_users = {{"boss", boss_id},
                                                                            {"coord", coordinator_id}};
  for (const auto& [username, id] : protected_users) {
    auto session = s.login(username);
    for (const auto& a : every_action()) {
      auto r = a.run(*this, id, admin);
      EXPECT_EQ(r.status, 403) << a.what << " on " << username << ": " << r.body;
      EXPECT_EQ(r.header("content-type"), "application/problem+json") << a.what;
      EXPECT_FALSE(r.body.find("temporary_password") != std::string::npos) << a.what;
    }
    EXPECT_EQ(s.get("/api/v1/me", session).status, 200) << username << "'s session still works";
    EXPECT_NO_THROW(s.login(username)) << username << "'s password still works";
    auto me = s.get("/api/v1/users/" + id, root);
    EXPECT_NE(me.json().at("display_name").as_string(), "Renamed");
    EXPECT_TRUE(me.json().at("active").as_bool());
  }
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.password_reset"), 0);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.two_factor_reset"), 0);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.sessions_ended"), 0);
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.update"), 0);
}

// An org_admin could make itself (or anyone) a coordinator and read the whole network's
// statistics. coordinator is a network role: only a system_admin grants it.
TEST_F(AccountGrantsTest, OrgAdminGrantsOnlyOrgAdminCaseworkerAndPartner) {
  for (const char* role : {"coordinator", "system_admin", "auditor"}) {
    auto self = patch_user(admin_id, {{"roles", {"org_admin", role}}}, admin);
    EXPECT_EQ(self.status, 403) << role << ": " << self.body;
    auto other = patch_user(ana_id, {{"roles", {"caseworker", role}}}, admin);
    EXPECT_EQ(other.status, 403) << role << ": " << other.body;
    auto created = s.post("/api/v1/users",
                          {{"username", std::string("new.") + role}, {"password", "a long enough passphrase 7"},
                           {"display_name", "New"}, {"roles", {role}}},
                          admin);
    EXPECT_EQ(created.status, 403) << role << ": " << created.body;
  }
  auto me = s.get("/api/v1/me", admin);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("roles"), json::value(json::array{"org_admin"}));
  EXPECT_EQ(s.get("/api/v1/users/" + ana_id, root).json().at("roles"),
            json::value(json::array{"caseworker"}));

  // What an org_admin may grant it still grants.
  auto ok = patch_user(ana_id, {{"roles", {"caseworker", "partner", "org_admin"}}}, admin);
  EXPECT_EQ(ok.status, 200) << ok.body;
  auto made = s.post("/api/v1/users",
                     {{"username", "new.partner"}, {"password", "a long enough passphrase 7"},
                      {"display_name", "New"}, {"roles", {"partner", "org_admin"}}},
                     admin);
  EXPECT_EQ(made.status, 201) << made.body;
  // And a system_admin grants coordinator.
  auto coord = patch_user(ben_id, {{"roles", {"caseworker", "coordinator"}}}, root);
  EXPECT_EQ(coord.status, 200) << coord.body;
}

// Nobody changes their own roles, a system_admin neither; an org_admin does nothing to its own
// account through /users/{id} (its password through /me/password).
TEST_F(AccountGrantsTest, NobodyActsOnTheirOwnAccount) {
  for (const auto& a : every_action()) {
    auto r = a.run(*this, admin_id, admin);
    EXPECT_EQ(r.status, 403) << a.what << ": " << r.body;
  }
  auto roles = patch_user(root_id, {{"roles", {"system_admin", "auditor"}}}, root);
  EXPECT_EQ(roles.status, 403) << roles.body;
  auto boss = s.login("boss");
  auto boss_roles = patch_user(boss_id, {{"roles", {"system_admin"}}}, boss);
  EXPECT_EQ(boss_roles.status, 403) << boss_roles.body;
  EXPECT_EQ(action(root_id, "reset-password", root).status, 403);

  EXPECT_EQ(s.get("/api/v1/me", admin).status, 200);
  EXPECT_NO_THROW(s.login("admin-a"));
  EXPECT_NO_THROW(s.login("root"));
  EXPECT_EQ(s.get("/api/v1/users/" + root_id, root).json().at("roles"),
            json::value(json::array{"system_admin"}));
  auto own = s.get("/api/v1/users/" + admin_id, root).json();
  EXPECT_NE(own.at("display_name").as_string(), "Renamed");
  EXPECT_TRUE(own.at("active").as_bool());
  EXPECT_EQ(enlace::test::count_audit(s.db_path(), "user.update"), 0);
}

TEST_F(AccountGrantsTest, AnotherOrganisationsUserIsNotFound) {
  for (const auto& a : every_action()) {
    auto r = a.run(*this, ben_id, admin);
    EXPECT_EQ(r.status, 404) << a.what << ": " << r.body;
  }
  EXPECT_NO_THROW(s.login("ben"));
}

// The legitimate cases keep working: an org_admin on its organisation's caseworkers and other
// org_admins, a system_admin on anyone else.
TEST_F(AccountGrantsTest, AdministratorsStillActOnTheAccountsTheyManage) {
  auto other_admin_id = s.add_user("admin-a2", {"org_admin"}, "org-a");
  for (const auto& id : {ana_id, other_admin_id}) {
    for (const auto& a : every_action()) {
      if (a.what == "PATCH roles" && id == other_admin_id) continue;  // would demote them
      auto r = a.run(*this, id, admin);
      EXPECT_LT(r.status, 300) << a.what << ": " << r.body;
      if (a.what == "PATCH active") {  // put the account back for the next action
        EXPECT_EQ(patch_user(id, {{"active", true}}, admin).status, 200);
      }
    }
  }
  auto reset = action(ana_id, "reset-password", admin);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_NO_THROW(s.login("ana", std::string(reset.json().at("temporary_password").as_string())));

  for (const auto& id : {boss_id, coordinator_id, admin_id, ben_id}) {
    for (const auto& a : every_action()) {
      if (a.what == "PATCH roles") continue;
      auto r = a.run(*this, id, root);
      EXPECT_LT(r.status, 300) << a.what << ": " << r.body;
      if (a.what == "PATCH active") {  // put the account back for the next action
        EXPECT_EQ(patch_user(id, {{"active", true}}, root).status, 200);
      }
    }
  }
}
