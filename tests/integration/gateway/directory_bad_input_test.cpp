// Bad input of each kind on every directory write: the right status, problem+json naming the
// field for 422, and the database unchanged (the listing read before and after is identical).
#include "demo_server.hpp"

using enlace::test::DemoNetwork;
using enlace::test::HttpRequest;
namespace json = boost::json;

namespace {

struct BadCase {
  std::string kind;
  std::string content_type;
  std::string body;
  int status;
  std::string field;  // for 422: a field the problem must name
};

struct Endpoint {
  std::string method, path, account, listing;
  bool versioned;  // sends If-Match with the record's current version
  std::vector<BadCase> cases;
};

std::string big_body() { return "{\"name\":\"" + std::string(1024 * 1024 + 16, 'x') + "\"}"; }

// The kinds every endpoint gets, plus its own invalid values.
std::vector<BadCase> common_cases(std::vector<BadCase> invalid) {
  std::vector<BadCase> c = {
      {"malformed JSON", "application/json", "{\"name\": ", 400, ""},
      {"not an object", "application/json", "[1,2]", 400, ""},
      {"duplicate key", "application/json", "{\"name\":\"a\",\"name\":\"b\"}", 400, ""},
      {"wrong content type", "text/plain", "{}", 415, ""},
      {"too large", "application/json", big_body(), 413, ""},
      {"unknown field", "application/json", "{\"nmae\":\"typo\"}", 422, "nmae"},
  };
  c.insert(c.end(), invalid.begin(), invalid.end());
  return c;
}

class DirectoryBadInput : public ::testing::Test {
 protected:
  void SetUp() override { net().server().advance_minutes(1); }
  static DemoNetwork& net() { return DemoNetwork::get(); }
};

}  // namespace

TEST_F(DirectoryBadInput, EveryWriteRefusesBadInputAndChangesNothing) {
  auto& s = net().server();
  const std::string quito = net().territory("Quito");
  const std::string casa = "/api/v1/organizations/" + net().organization("Casa de Acogida Quito");
  const std::string user = "/api/v1/users/" + net().user("pichincha.caseworker");
  const std::string service = "/api/v1/services/" + net().service("Housing mediation");
  const std::string hmo = net().organization("Pichincha Human Mobility Office");

  std::vector<Endpoint> endpoints = {
      {"POST", "/api/v1/territories", "sysadmin", "/api/v1/territories?limit=500", false,
       common_cases({{"wrong type", "application/json", R"({"name":5,"level":"country"})", 422, "name"},
                     {"invalid value", "application/json", R"({"name":"X","level":"planet"})", 422, "level"},
                     {"unknown parent", "application/json",
                      R"({"name":"X","level":"province","parent_id":"nope"})", 422, "parent_id"}})},
      {"POST", "/api/v1/organizations", "sysadmin", "/api/v1/organizations?limit=500", false,
       common_cases({{"wrong type", "application/json",
                      R"({"name":"X","kind":"help_desk","territory_id":["a"]})", 422, "territory_id"},
                     {"invalid value", "application/json",
                      "{\"name\":\"X\",\"kind\":\"club\",\"territory_id\":\"" + quito + "\"}", 422, "kind"},
                     {"unknown territory", "application/json",
                      R"({"name":"X","kind":"help_desk","territory_id":"nowhere"})", 422, "territory_id"}})},
      {"PATCH", casa, "sysadmin", casa, true,
       common_cases({{"wrong type", "application/json", R"({"email":true})", 422, "email"},
                     {"invalid value", "application/json", R"({"email":"no-at-sign"})", 422, "email"},
                     {"required cleared", "application/json", R"({"name":null})", 422, "name"}})},
      {"POST", "/api/v1/users", "pichincha.admin", "/api/v1/users?limit=500", false,
       common_cases({{"wrong type", "application/json",
                      R"({"username":"abc","password":"a long enough passphrase 7","display_name":"A","roles":"caseworker"})",
                      422, "roles"},
                     {"invalid value", "application/json",
                      R"({"username":"abc","password":"short","display_name":"A","roles":["caseworker"]})",
                      422, "password"},
                     {"unknown role", "application/json",
                      R"({"username":"abc","password":"a long enough passphrase 7","display_name":"A","roles":["boss"]})",
                      422, "roles[0]"},
                     {"taken username", "application/json",
                      R"({"username":"pichincha.caseworker","password":"a long enough passphrase 7","display_name":"A","roles":["caseworker"]})",
                      422, "username"}})},
      {"PATCH", user, "pichincha.admin", "/api/v1/users?limit=500", true,
       common_cases({{"wrong type", "application/json", R"({"active":"no"})", 422, "active"},
                     {"invalid value", "application/json", R"({"roles":[]})", 422, "roles"}})},
      {"POST", "/api/v1/categories", "sysadmin", "/api/v1/categories?limit=500", false,
       common_cases({{"wrong type", "application/json", R"({"code":1,"name":"X"})", 422, "code"},
                     {"invalid value", "application/json", R"({"code":"Bad Code","name":"X"})", 422, "code"}})},
      {"PUT", "/api/v1/settings/response-standards", "sysadmin", "/api/v1/settings/response-standards", true,
       common_cases({{"wrong type", "application/json", R"({"hours":{"high":"soon"}})", 422, "hours.high"},
                     {"invalid value", "application/json", R"({"hours":{"high":100000}})", 422, "hours.high"},
                     {"unknown urgency", "application/json", R"({"hours":{"whenever":3}})", 422, "hours.whenever"}})},
      {"POST", "/api/v1/services", "pichincha.admin", "/api/v1/services?limit=500", false,
       common_cases({{"wrong type", "application/json",
                      "{\"organization_id\":\"" + hmo + "\",\"category\":\"food\",\"name\":\"X\",\"languages\":[\"es\"],"
                      "\"territory_ids\":[\"" + quito + "\"],\"status\":\"active\",\"accepting\":true,\"capacity\":\"ten\"}",
                      422, "capacity"},
                     {"invalid value", "application/json",
                      "{\"organization_id\":\"" + hmo + "\",\"category\":\"food\",\"name\":\"X\",\"languages\":[\"xx1\"],"
                      "\"territory_ids\":[\"" + quito + "\"],\"status\":\"active\",\"accepting\":true}",
                      422, "languages[0]"},
                     {"unknown territory", "application/json",
                      "{\"organization_id\":\"" + hmo + "\",\"category\":\"food\",\"name\":\"X\",\"languages\":[\"es\"],"
                      "\"territory_ids\":[\"nowhere\"],\"status\":\"active\",\"accepting\":true}",
                      422, "territory_ids[0]"},
                     {"unknown category", "application/json",
                      "{\"organization_id\":\"" + hmo + "\",\"category\":\"magic\",\"name\":\"X\",\"languages\":[\"es\"],"
                      "\"territory_ids\":[\"" + quito + "\"],\"status\":\"active\",\"accepting\":true}",
                      422, "category"}})},
      {"PATCH", service, "pichincha.admin", "/api/v1/services?limit=500", true,
       common_cases({{"wrong type", "application/json", R"({"accepting":"yes"})", 422, "accepting"},
                     {"invalid value", "application/json", R"({"min_age":30,"max_age":10})", 422, "max_age"},
                     {"future verification", "application/json",
                      R"({"last_verified_at":"2099-01-01T00:00:00Z"})", 422, "last_verified_at"}})},
  };

  for (const auto& ep : endpoints) {
    const auto& token = net().token(ep.account);
    for (const auto& c : ep.cases) {
      auto before = s.get(ep.listing, token);
      ASSERT_EQ(before.status, 200) << ep.listing;
      HttpRequest req{ep.method, ep.path, {{"Content-Type", c.content_type}}, c.body};
      if (ep.versioned) {
        auto current = s.get(ep.path, token);
        req.headers.emplace_back("If-Match", std::to_string(current.json().at("version").as_int64()));
      }
      auto r = s.send(req, token);
      std::string where = ep.method + " " + ep.path + " (" + c.kind + ")";
      EXPECT_EQ(r.status, c.status) << where << ": " << r.body;
      EXPECT_EQ(r.header("content-type"), "application/problem+json") << where;
      if (r.header("content-type") == "application/problem+json") {
        auto p = r.json().as_object();
        EXPECT_EQ(p.at("status").as_int64(), c.status) << where;
        if (!c.field.empty()) {
          bool named = false;
          if (p.contains("errors"))
            for (const auto& e : p.at("errors").as_array()) named = named || e.at("field") == c.field.c_str();
          EXPECT_TRUE(named) << where << " should name " << c.field << ": " << r.body;
        }
      }
      EXPECT_EQ(s.get(ep.listing, token).body, before.body) << where << " changed the database";
    }
  }
}
