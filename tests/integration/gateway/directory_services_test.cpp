// Service listings over HTTP: ancestor coverage, filters, search, pagination, If-Match, the
// stale flag and capacity_updated_at; the territory tree and response standards.
#include "demo_server.hpp"

#include <algorithm>
#include <set>

using enlace::test::DemoNetwork;
using enlace::test::HttpResponse;
namespace json = boost::json;

namespace {

class DirectoryServices : public ::testing::Test {
 protected:
  void SetUp() override { net().server().advance_minutes(1); }
  static DemoNetwork& net() { return DemoNetwork::get(); }
  static enlace::test::ServerProcess& srv() { return net().server(); }

  // The names of the services a query returns (all pages of up to 500).
  std::set<std::string> names(const std::string& query) {
    auto r = srv().get("/api/v1/services?limit=500&" + query, net().token("pichincha.caseworker"));
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::set<std::string> out;
    if (r.status != 200) return out;
    for (const auto& s : enlace::test::list_of(r, "items")) out.insert(std::string(s.at("name").as_string()));
    return out;
  }
};

bool has(const std::set<std::string>& s, const std::string& name) { return s.count(name) > 0; }

}  // namespace

TEST_F(DirectoryServices, TerritoryFilterFindsServicesCoveringItsAncestors) {
  auto quito = names("territory=" + net().territory("Quito"));
  EXPECT_TRUE(has(quito, "Temporary shelter for families"));           // covers Quito
  EXPECT_TRUE(has(quito, "Housing mediation"));                        // covers Pichincha
  EXPECT_TRUE(has(quito, "Health assistance for migrants in transit")); // covers Ecuador
  EXPECT_FALSE(has(quito, "Border reception point Ibarra"));           // Imbabura only
  EXPECT_FALSE(has(quito, "Emergency shelter for distressed migrants"));  // Albay

  auto pichincha = names("territory=" + net().territory("Pichincha"));
  EXPECT_TRUE(has(pichincha, "Housing mediation"));
  EXPECT_FALSE(has(pichincha, "Temporary shelter for families"));  // a child's service does not cover the parent

  auto ibarra = names("territory=" + net().territory("Ibarra"));
  EXPECT_TRUE(has(ibarra, "Border reception point Ibarra"));
  EXPECT_TRUE(has(ibarra, "Refugee status application support"));
}

TEST_F(DirectoryServices, FiltersCombine) {
  EXPECT_EQ(names("category=shelter&territory=" + net().territory("Quito")),
            (std::set<std::string>{"Temporary shelter for families"}));
  EXPECT_EQ(names("language=fr"), (std::set<std::string>{"Refugee status application support"}));
  auto closed = names("accepting=false");
  EXPECT_TRUE(has(closed, "Cash-based assistance"));
  EXPECT_TRUE(has(closed, "Psychosocial first aid"));
  EXPECT_FALSE(has(closed, "Job placement"));
  auto open_shelter = names("accepting=true&category=shelter");
  EXPECT_TRUE(has(open_shelter, "Border reception point Ibarra"));
  EXPECT_FALSE(has(open_shelter, "Cash-based assistance"));
}

TEST_F(DirectoryServices, SearchIgnoresAccentsAndCase) {
  auto r = srv().post("/api/v1/services",
                      {{"category", "legal_aid"}, {"name", "Atención jurídica"},
                       {"description", "Orientación sobre el PERMISO de residencia"},
                       {"languages", {"es"}}, {"territory_ids", {net().territory("Pichincha")}},
                       {"status", "active"}, {"accepting", true}},
                      net().token("pichincha.admin"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(has(names("q=ATENCION"), "Atención jurídica"));
  EXPECT_TRUE(has(names("q=permiso%20de%20residencia"), "Atención jurídica"));
  EXPECT_TRUE(has(names("q=psychosocial"), "Psychosocial first aid"));
  EXPECT_FALSE(has(names("q=psychosocial"), "Atención jurídica"));
}

TEST_F(DirectoryServices, BadFilterValuesAreNamed) {
  for (auto [query, field] : {std::pair{"accepting=maybe", "accepting"},
                              std::pair{"language=spanish", "language"},
                              std::pair{"limit=0", "limit"}, std::pair{"cursor=%21%21", "cursor"}}) {
    auto r = srv().get(std::string("/api/v1/services?") + query, net().token("pichincha.caseworker"));
    EXPECT_EQ(r.status, 422) << query;
    EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), field) << query;
  }
}

TEST_F(DirectoryServices, CursorPaginationVisitsEveryServiceOnce) {
  const auto& token = net().token("shelter.partner");
  auto all = srv().get("/api/v1/services?limit=500", token).json().at("items").as_array();
  ASSERT_GT(all.size(), 12u);
  std::vector<std::string> walked;
  std::string cursor;
  for (int pages = 0; pages < 50; ++pages) {
    auto r = srv().get("/api/v1/services?limit=5" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
    ASSERT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    EXPECT_LE(items.size(), 5u);
    for (const auto& s : items) walked.push_back(std::string(s.at("id").as_string()));
    auto next = r.json().at("next_cursor");
    if (next.is_null()) break;
    cursor = std::string(next.as_string());
  }
  std::vector<std::string> expected;
  for (const auto& s : all) expected.push_back(std::string(s.at("id").as_string()));
  EXPECT_EQ(walked, expected);
  EXPECT_TRUE(std::is_sorted(walked.begin(), walked.end()));
}

TEST_F(DirectoryServices, ListingCarriesEveryFieldAndTheStaleFlag) {
  auto r = srv().get("/api/v1/services/" + net().service("Pre-employment orientation seminar"),
                     net().token("legazpi.caseworker"));
  ASSERT_EQ(r.status, 200);
  auto s = r.json().as_object();
  for (auto key : {"id", "organization_id", "category", "name", "description", "eligibility",
                   "min_age", "max_age", "languages", "territory_ids", "hours",
                   "required_documents", "fees", "how_to_apply", "status", "capacity",
                   "capacity_updated_at", "accepting", "expected_wait_days", "last_verified_at",
                   "stale", "version", "created_at", "updated_at"})
    EXPECT_TRUE(s.contains(key)) << key;
  EXPECT_EQ(s.at("stale").as_bool(), true);  // verified 300 days before the demo was made
  EXPECT_EQ(r.header("etag"), "\"" + std::to_string(s.at("version").as_int64()) + "\"");
  auto fresh = srv().get("/api/v1/services/" + net().service("Temporary shelter for families"),
                         net().token("legazpi.caseworker"));
  EXPECT_EQ(fresh.json().at("stale").as_bool(), false);
}

TEST_F(DirectoryServices, PatchNeedsIfMatchAndTracksCapacityTime) {
  const auto& admin = net().token("shelter.admin");
  std::string path = "/api/v1/services/" + net().service("Hot meals");
  auto before = srv().get(path, admin);
  auto version = before.json().at("version").as_int64();

  auto missing = srv().patch(path, {{"capacity", 120}}, admin);
  EXPECT_EQ(missing.status, 428);
  auto stale = srv().patch(path, {{"capacity", 120}}, admin, std::to_string(version + 7));
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.header("content-type"), "application/problem+json");
  EXPECT_EQ(srv().get(path, admin).body, before.body);  // nothing changed

  srv().advance_minutes(5);
  auto ok = srv().patch(path, {{"capacity", 120}, {"hours", nullptr}}, admin, std::to_string(version));
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto after = ok.json().as_object();
  EXPECT_EQ(after.at("version").as_int64(), version + 1);
  EXPECT_EQ(ok.header("etag"), "\"" + std::to_string(version + 1) + "\"");
  EXPECT_EQ(after.at("capacity").as_int64(), 120);
  EXPECT_EQ(after.at("capacity_updated_at"), after.at("updated_at"));  // set by the server, now
  EXPECT_TRUE(after.at("hours").is_null());
  EXPECT_EQ(after.at("name"), before.json().at("name"));  // untouched fields stay

  // Changing something else leaves capacity_updated_at alone.
  srv().advance_minutes(10);
  auto other = srv().patch(path, {{"expected_wait_days", 1}}, admin, std::to_string(version + 1));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.json().at("capacity_updated_at"), after.at("capacity_updated_at"));
  EXPECT_NE(other.json().at("updated_at"), after.at("updated_at"));
  // The old version is stale now.
  EXPECT_EQ(srv().patch(path, {{"capacity", 5}}, admin, std::to_string(version)).status, 412);
}

TEST_F(DirectoryServices, TerritoriesFormATreeWithParentFilter) {
  const auto& token = net().token("coordinator");
  auto ec = net().territory("Ecuador");
  auto r = srv().get("/api/v1/territories?parent=" + ec, token);
  ASSERT_EQ(r.status, 200);
  std::set<std::string> children;
  for (const auto& t : enlace::test::list_of(r, "items")) {
    children.insert(std::string(t.at("name").as_string()));
    EXPECT_EQ(t.at("parent_id").as_string(), ec);
  }
  EXPECT_EQ(children, (std::set<std::string>{"Pichincha", "Imbabura"}));
  auto all = srv().get("/api/v1/territories?limit=500", token).json().at("items").as_array();
  for (const auto& t : all)
    if (t.at("name") == "Philippines") {
      EXPECT_TRUE(t.at("parent_id").is_null());
      EXPECT_EQ(t.at("code").as_string(), "PH");
    }
  // A province under a municipality is refused, naming parent_id.
  auto bad = srv().post("/api/v1/territories",
                        {{"name", "Upside down"}, {"level", "province"},
                         {"parent_id", net().territory("Quito")}},
                        net().token("sysadmin"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field").as_string(), "parent_id");
}

TEST_F(DirectoryServices, ResponseStandardsVersionedWithIfMatch) {
  const auto& root = net().token("sysadmin");
  const std::string path = "/api/v1/settings/response-standards";
  auto now = srv().get(path, net().token("shelter.partner"));
  ASSERT_EQ(now.status, 200);
  auto v = now.json().at("version").as_int64();
  EXPECT_TRUE(now.json().at("hours").as_object().contains("emergency"));
  json::object body{{"hours", {{"emergency", 2}, {"high", 24}, {"normal", 48}}},
                    {"by_category", {{"shelter", {{"emergency", 1}}}}}};
  EXPECT_EQ(srv().put(path, body, root).status, 428);
  EXPECT_EQ(srv().put(path, body, root, std::to_string(v + 5)).status, 412);
  auto bad = srv().put(path, {{"hours", {{"high", 0}}}, {"by_category", {{"nonsense", {{"high", 3}}}}}},
                       root, std::to_string(v));
  EXPECT_EQ(bad.status, 422);
  std::set<std::string> fields;
  for (const auto& e : enlace::test::list_of(bad, "errors")) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"hours.high", "by_category.nonsense"}));
  EXPECT_EQ(srv().get(path, root).body, now.body);
  auto ok = srv().put(path, body, root, std::to_string(v));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("hours").at("normal").as_int64(), 48);
  EXPECT_EQ(ok.json().at("by_category").at("shelter").at("emergency").as_int64(), 1);
  EXPECT_EQ(ok.json().at("version").as_int64(), v + 1);
  EXPECT_EQ(srv().get(path, root).json().at("by_category").at("shelter").at("emergency").as_int64(), 1);
}

TEST_F(DirectoryServices, OrganisationParentCannotMakeACycle) {
  const auto& root = net().token("sysadmin");
  auto office = net().organization("Pichincha Human Mobility Office");
  auto unit = net().organization("Pichincha Human Mobility Office - Mobile Unit");
  std::string path = "/api/v1/organizations/" + office;
  auto v = srv().get(path, root).json().at("version").as_int64();
  auto r = srv().patch(path, {{"parent_id", unit}}, root, std::to_string(v));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "parent_id");
}

TEST_F(DirectoryServices, CategoriesAreDataAddedBySystemAdmin) {
  const auto& root = net().token("sysadmin");
  auto cats = srv().get("/api/v1/categories", net().token("pichincha.caseworker"));
  ASSERT_EQ(cats.status, 200);
  std::set<std::string> codes;
  for (const auto& c : enlace::test::list_of(cats, "items")) codes.insert(std::string(c.at("code").as_string()));
  for (auto c : {"shelter", "documentation", "employment", "health", "mental_health", "food",
                 "legal_aid", "education", "language", "financial_services", "protection", "housing"})
    EXPECT_TRUE(codes.count(c)) << c;
  EXPECT_EQ(srv().post("/api/v1/categories", {{"code", "Seed Funds"}, {"name", "Seed funds"}}, root).status, 422);
  EXPECT_EQ(srv().post("/api/v1/categories", {{"code", "shelter"}, {"name", "Again"}}, root).status, 422);
  auto ok = srv().post("/api/v1/categories", {{"code", "seed_funds"}, {"name", "Seed funds"}}, root);
  EXPECT_EQ(ok.status, 201) << ok.body;
}
