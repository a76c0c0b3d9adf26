// Territories' time zones: stored with the territory, inherited down the tree, and named in
// /me so that the UI shows a help desk's times in its own zone whatever the computer says.
#include "demo_server.hpp"
#include "support/fixtures.hpp"

using enlace::test::DemoNetwork;
namespace json = boost::json;

namespace {

class TerritoryTimeZone : public ::testing::Test {
 protected:
  void SetUp() override { net().server().advance_minutes(1); }
  static DemoNetwork& net() { return DemoNetwork::get(); }
  static json::value me(const std::string& username) {
    auto r = net().server().get("/api/v1/me", net().token(username));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("time_zone");
  }
  static std::string post_id(const std::string& path, const json::value& body) {
    auto r = net().server().post(path, body, net().token("sysadmin"));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  }
};

}  // namespace

TEST_F(TerritoryTimeZone, DemoCountriesNameTheirZoneAndTheirOrganisationsInheritIt) {
  // The help desks sit in a municipality and a province; only the countries carry a zone.
  EXPECT_EQ(me("pichincha.caseworker"), json::value("America/Guayaquil"));
  EXPECT_EQ(me("legazpi.caseworker"), json::value("Asia/Manila"));
}

TEST_F(TerritoryTimeZone, UsersWithoutOrganisationGetNoZone) {
  EXPECT_TRUE(me("sysadmin").is_null());
  EXPECT_TRUE(me("auditor").is_null());
}

TEST_F(TerritoryTimeZone, TheNearestAncestorsZoneWins) {
  // Galápagos keeps its own time, an hour behind mainland Ecuador.
  const std::string galapagos = post_id(
      "/api/v1/territories", {{"name", "Galápagos"}, {"level", "province"},
                              {"parent_id", net().territory("Ecuador")}, {"code", "EC-W"},
                              {"time_zone", "Pacific/Galapagos"}});
  const std::string santa_cruz =
      post_id("/api/v1/territories",
              {{"name", "Santa Cruz"}, {"level", "municipality"}, {"parent_id", galapagos}});
  const std::string office = post_id("/api/v1/organizations", {{"name", "Santa Cruz Help Desk"},
                                                               {"kind", "help_desk"},
                                                               {"territory_id", santa_cruz}});
  net().server().add_user("santacruz.caseworker", {"caseworker"}, office, enlace::test::kDemoPassword);
  EXPECT_EQ(me("santacruz.caseworker"), json::value("Pacific/Galapagos"));

  auto listed = net().server().get("/api/v1/territories?parent=" + galapagos, net().token("sysadmin"));
  ASSERT_EQ(listed.status, 200);
  auto items = enlace::test::list_of(listed, "items");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].at("time_zone").is_null());  // inherited, not copied
}

TEST_F(TerritoryTimeZone, AnUnknownZoneIs422NamingTheFieldAndChangesNothing) {
  auto& s = net().server();
  const std::string before = s.get("/api/v1/territories?limit=500", net().token("sysadmin")).body;
  // Territory events only: the shared demo server's scheduled work may append its own meanwhile.
  const char* territory_events = "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'territory'";
  const long long audit_before = enlace::test::query_int(s.db_path(), territory_events);
  for (const char* zone : {"America/Quito", "Mars/Olympus_Mons", "GMT+05:00", ""}) {
    auto r = s.post("/api/v1/territories",
                    {{"name", "Nowhere"}, {"level", "country"}, {"time_zone", zone}},
                    net().token("sysadmin"));
    EXPECT_EQ(r.status, 422) << zone;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    ASSERT_TRUE(r.json().as_object().contains("errors")) << r.body;
    auto errors = r.json().at("errors").as_array();
    ASSERT_EQ(errors.size(), 1u) << r.body;
    EXPECT_EQ(errors[0].at("field"), json::value("time_zone"));
  }
  EXPECT_EQ(enlace::test::query_int(s.db_path(), territory_events), audit_before);
  EXPECT_EQ(s.get("/api/v1/territories?limit=500", net().token("sysadmin")).body, before);
}

TEST_F(TerritoryTimeZone, ATerritoryShowsTheZoneItWasGiven) {
  auto r = net().server().post("/api/v1/territories",
                               {{"name", "Haiti"}, {"level", "country"}, {"code", "HT"},
                                {"time_zone", "America/Port-au-Prince"}},
                               net().token("sysadmin"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("time_zone"), json::value("America/Port-au-Prince"));
}
