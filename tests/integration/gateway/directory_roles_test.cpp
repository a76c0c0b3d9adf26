// Every directory endpoint with each role, allowed and refused (API.md, Directory and
// administration), against the demo network on the real server.
#include "demo_server.hpp"

#include <functional>

using enlace::test::DemoNetwork;
using enlace::test::HttpResponse;
namespace json = boost::json;

namespace {

class DirectoryRoles : public ::testing::Test {
 protected:
  void SetUp() override { net().server().advance_minutes(1); }  // refills the rate limits
  static DemoNetwork& net() { return DemoNetwork::get(); }
  static int counter() {
    static int n = 0;
    return ++n;
  }

 public:
  std::string version_of(const std::string& path) {
    auto r = net().server().get(path, net().token("sysadmin"));
    return std::to_string(r.json().at("version").as_int64());
  }
};

// Roles in the table's column order; the org_admin is Pichincha's, which owns the service.
const std::vector<std::string> kAccounts = {"sysadmin",    "auditor",         "coordinator",
                                            "pichincha.caseworker", "pichincha.admin",
                                            "shelter.partner"};

struct Row {
  std::string what;
  std::function<HttpResponse(DirectoryRoles&, const std::string& token)> call;
  std::vector<int> expected;  // one per kAccounts
};

}  // namespace

TEST_F(DirectoryRoles, EachEndpointAllowsAndRefusesByRole) {
  auto& s = net().server();
  const std::string ec = net().territory("Ecuador");
  const std::string quito = net().territory("Quito");
  const std::string hmo = net().organization("Pichincha Human Mobility Office");
  const std::string casa_org = net().organization("Casa de Acogida Quito");
  const std::string caseworker = net().user("pichincha.caseworker");
  const std::string hmo_service = net().service("Housing mediation");
  const std::string org_path = "/api/v1/organizations/" + casa_org;
  const std::string user_path = "/api/v1/users/" + caseworker;
  const std::string service_path = "/api/v1/services/" + hmo_service;

  std::vector<Row> rows = {
      {"GET territories", [&](auto&, auto& t) { return s.get("/api/v1/territories", t); },
       {200, 200, 200, 200, 200, 200}},
      {"POST territories",
       [&](auto&, auto& t) {
         return s.post("/api/v1/territories",
                       {{"name", "District " + std::to_string(counter())}, {"level", "district"},
                        {"parent_id", quito}},
                       t);
       },
       {201, 403, 403, 403, 403, 403}},
      {"GET organizations", [&](auto&, auto& t) { return s.get("/api/v1/organizations", t); },
       {200, 200, 200, 200, 200, 200}},
      {"GET organization", [&](auto&, auto& t) { return s.get(org_path, t); },
       {200, 200, 200, 200, 200, 200}},
      {"POST organizations",
       [&](auto&, auto& t) {
         return s.post("/api/v1/organizations",
                       {{"name", "Migrant association " + std::to_string(counter())},
                        {"kind", "migrant_association"}, {"territory_id", quito}},
                       t);
       },
       {201, 403, 403, 403, 403, 403}},
      {"PATCH organization",
       [&](DirectoryRoles& f, auto& t) {
         return s.patch(org_path, {{"phone", "+593 2 260 0" + std::to_string(300 + counter())}}, t,
                        f.version_of(org_path));
       },
       {200, 403, 403, 403, 403, 403}},
      {"GET users", [&](auto&, auto& t) { return s.get("/api/v1/users", t); },
       {200, 403, 403, 403, 200, 403}},
      {"POST users",
       [&](auto&, auto& t) {
         return s.post("/api/v1/users",
                       {{"username", "staff" + std::to_string(counter())},
                        {"password", "a long enough passphrase 7"},
                        {"display_name", "New Staff"},
                        {"roles", {"caseworker"}},
                        {"organization_id", hmo}},
                       t);
       },
       {201, 403, 403, 403, 201, 403}},
      {"GET user", [&](auto&, auto& t) { return s.get(user_path, t); },
       {200, 403, 403, 403, 200, 403}},
      {"PATCH user",
       [&](DirectoryRoles& f, auto& t) {
         return s.patch(user_path, {{"display_name", "Ana G. " + std::to_string(counter())}}, t,
                        f.version_of(user_path));
       },
       {200, 403, 403, 403, 200, 403}},
      {"GET categories", [&](auto&, auto& t) { return s.get("/api/v1/categories", t); },
       {200, 200, 200, 200, 200, 200}},
      {"POST categories",
       [&](auto&, auto& t) {
         return s.post("/api/v1/categories",
                       {{"code", "extra_" + std::to_string(counter())}, {"name", "Extra"}}, t);
       },
       {201, 403, 403, 403, 403, 403}},
      {"GET response standards",
       [&](auto&, auto& t) { return s.get("/api/v1/settings/response-standards", t); },
       {200, 200, 200, 200, 200, 200}},
      {"PUT response standards",
       [&](DirectoryRoles& f, auto& t) {
         return s.put("/api/v1/settings/response-standards",
                      {{"hours", {{"emergency", 4}, {"high", 24}, {"normal", 72}}}}, t,
                      f.version_of("/api/v1/settings/response-standards"));
       },
       {200, 403, 403, 403, 403, 403}},
      {"GET services", [&](auto&, auto& t) { return s.get("/api/v1/services", t); },
       {200, 200, 200, 200, 200, 200}},
      {"GET service", [&](auto&, auto& t) { return s.get(service_path, t); },
       {200, 200, 200, 200, 200, 200}},
      {"POST services",
       [&](auto&, auto& t) {
         return s.post("/api/v1/services",
                       {{"organization_id", hmo}, {"category", "education"},
                        {"name", "Spanish classes " + std::to_string(counter())},
                        {"languages", {"es"}}, {"territory_ids", {ec}}, {"status", "active"},
                        {"accepting", true}},
                       t);
       },
       {403, 403, 403, 403, 201, 403}},
      {"PATCH service",
       [&](DirectoryRoles& f, auto& t) {
         return s.patch(service_path, {{"expected_wait_days", counter() % 30}}, t,
                        f.version_of(service_path));
       },
       {403, 403, 403, 403, 200, 403}},
  };
  for (auto& row : rows) {
    for (std::size_t i = 0; i < kAccounts.size(); ++i) {
      auto r = row.call(*this, net().token(kAccounts[i]));
      EXPECT_EQ(r.status, row.expected[i]) << row.what << " as " << kAccounts[i] << ": " << r.body;
      if (r.status >= 400) {
        EXPECT_EQ(r.header("content-type"), "application/problem+json") << row.what;
      }
    }
  }
}

TEST_F(DirectoryRoles, AnotherOrganisationsAdminCannotChangeAService) {
  auto& s = net().server();
  const std::string path = "/api/v1/services/" + net().service("Housing mediation");
  auto r = s.patch(path, {{"capacity", 1}}, net().token("shelter.admin"), version_of(path));
  EXPECT_EQ(r.status, 403) << r.body;
  auto post = s.post("/api/v1/services",
                     {{"organization_id", net().organization("Pichincha Human Mobility Office")},
                      {"category", "food"}, {"name", "Not mine"}, {"languages", {"es"}},
                      {"territory_ids", {net().territory("Quito")}}, {"status", "active"},
                      {"accepting", true}},
                     net().token("shelter.admin"));
  EXPECT_EQ(post.status, 403) << post.body;
}

TEST_F(DirectoryRoles, NotSignedInGets401Everywhere) {
  auto& s = net().server();
  for (auto path : {"/api/v1/territories", "/api/v1/organizations", "/api/v1/users",
                    "/api/v1/categories", "/api/v1/settings/response-standards", "/api/v1/services"})
    EXPECT_EQ(s.get(path).status, 401) << path;
}

TEST_F(DirectoryRoles, OrgAdminSeesAndManagesOwnOrganisationOnly) {
  auto& s = net().server();
  const auto& admin = net().token("pichincha.admin");
  const std::string hmo = net().organization("Pichincha Human Mobility Office");
  auto list = s.get("/api/v1/users?limit=500", admin);
  ASSERT_EQ(list.status, 200);
  ASSERT_FALSE(list.json().at("items").as_array().empty());
  for (const auto& u : enlace::test::list_of(list, "items"))
    EXPECT_EQ(u.at("organization_id").as_string(), hmo) << u.at("username").as_string();

  // Another organisation's account does not exist for them.
  EXPECT_EQ(s.get("/api/v1/users/" + net().user("shelter.partner"), admin).status, 404);
  // No accounts elsewhere, no network roles.
  auto elsewhere = s.post("/api/v1/users",
                          {{"username", "intruder1"}, {"password", "a long enough passphrase 7"},
                           {"display_name", "X"}, {"roles", {"caseworker"}},
                           {"organization_id", net().organization("Casa de Acogida Quito")}},
                          admin);
  EXPECT_EQ(elsewhere.status, 403);
  auto auditor = s.post("/api/v1/users",
                        {{"username", "intruder2"}, {"password", "a long enough passphrase 7"},
                         {"display_name", "X"}, {"roles", {"auditor"}}},
                        admin);
  EXPECT_EQ(auditor.status, 403);
  // Without organization_id the account joins the admin's own organisation.
  auto own = s.post("/api/v1/users",
                    {{"username", "pichincha.volunteer"}, {"password", "a long enough passphrase 7"},
                     {"display_name", "Volunteer"}, {"roles", {"caseworker"}}},
                    admin);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.json().at("organization_id").as_string(), hmo);
  EXPECT_FALSE(own.json().as_object().contains("password"));
  EXPECT_EQ(s.login("pichincha.volunteer", "a long enough passphrase 7").empty(), false);
}

TEST_F(DirectoryRoles, DeactivatingAUserEndsTheirSessions) {
  auto& s = net().server();
  const auto& admin = net().token("pichincha.admin");
  auto created = s.post("/api/v1/users",
                        {{"username", "pichincha.leaver"}, {"password", "a long enough passphrase 7"},
                         {"display_name", "Leaver"}, {"roles", {"caseworker"}}},
                        admin);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/users/" + std::string(created.json().at("id").as_string());
  auto token = s.login("pichincha.leaver", "a long enough passphrase 7");
  ASSERT_EQ(s.get("/api/v1/me", token).status, 200);
  auto off = s.patch(path, {{"active", false}}, admin, "1");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json().at("active").as_bool(), false);
  EXPECT_EQ(off.header("etag"), "\"2\"");
  EXPECT_EQ(s.get("/api/v1/me", token).status, 401);
  auto again = s.post("/api/v1/auth/login",
                      {{"username", "pichincha.leaver"}, {"password", "a long enough passphrase 7"}});
  EXPECT_EQ(again.status, 401);
}

TEST_F(DirectoryRoles, OrgAdminCannotGrantNetworkRolesByPatch) {
  auto& s = net().server();
  std::string path = "/api/v1/users/" + net().user("pichincha.caseworker");
  auto r = s.patch(path, {{"roles", {"caseworker", "system_admin"}}}, net().token("pichincha.admin"),
                   version_of(path));
  EXPECT_EQ(r.status, 403) << r.body;
  auto me = s.patch("/api/v1/users/" + net().user("pichincha.admin"), {{"active", false}},
                    net().token("pichincha.admin"), version_of("/api/v1/users/" + net().user("pichincha.admin")));
  EXPECT_EQ(me.status, 403) << "nobody acts on their own account through /users/{id}";
}
