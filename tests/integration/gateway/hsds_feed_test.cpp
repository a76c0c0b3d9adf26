// The directory as an Open Referral HSDS 3.0 feed (API.md, Interoperability): access, the
// Page envelope with page/per_page/modified_after, the mapping of Enlace's fields, every reply
// valid against the HSDS 3.0 compiled schemas (tests/contract/validate_hsds.py), and the
// `enlace directory export|import --format hsds` round trip.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

using enlace::test::run_command;
using enlace::test::ServerOptions;
using enlace::test::ServerProcess;
using enlace::test::TempDir;
namespace json = boost::json;

namespace {

ServerOptions options(bool hsds_public = false) {
  ServerOptions o;
  o.env["ENLACE_TOTP_REQUIRED"] = "false";
  if (hsds_public) o.env["ENLACE_HSDS_PUBLIC"] = "true";
  return o;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the HSDS 3.0 schema check on a document; the output names every error.
void expect_valid_hsds(const std::string& kind, const std::string& body, const std::string& dir) {
  const std::string file = dir + "/" + kind + ".json";
  write_file(file, body);
  // Debian's python3, which has python3-jsonschema (deploy/packages-test.txt); run_command does no PATH search.
  auto r = run_command({"/usr/bin/python3", std::string(ENLACE_SOURCE_DIR) + "/tests/contract/validate_hsds.py", kind, file});
  EXPECT_EQ(r.exit_code, 0) << kind << ":\n" << r.output << "\n" << body.substr(0, 2000);
}

// A small network: Ecuador > Pichincha > Quito, a help desk with a mobile unit, services.
struct Network {
  std::string admin, sysadmin, worker;
  std::string ec, pichincha, quito, desk, unit, shelter, closed;

  void build(ServerProcess& srv) {
    srv.add_user("sys", {"system_admin"});
    sysadmin = srv.login("sys");
    auto post = [&](const std::string& path, const json::value& body, const std::string& token) {
      auto r = srv.post(path, body, token);
      EXPECT_EQ(r.status, 201) << path << ": " << r.body;
      return r.status == 201 ? std::string(r.json().at("id").as_string()) : "";
    };
    ec = post("/api/v1/territories", {{"name", "Ecuador"}, {"level", "country"}, {"code", "EC"},
                                      {"time_zone", "America/Guayaquil"}}, sysadmin);
    pichincha = post("/api/v1/territories", {{"name", "Pichincha"}, {"level", "province"},
                                             {"parent_id", ec}, {"code", "EC-P"}}, sysadmin);
    quito = post("/api/v1/territories", {{"name", "Quito"}, {"level", "municipality"},
                                         {"parent_id", pichincha}}, sysadmin);
    desk = post("/api/v1/organizations", {{"name", "Quito Help Desk"}, {"kind", "help_desk"},
                                          {"territory_id", quito}, {"email", "desk@example.org"},
                                          {"phone", "+593 2 000 1111"}}, sysadmin);
    unit = post("/api/v1/organizations", {{"name", "Mobile Unit North"}, {"kind", "civil_society"},
                                          {"territory_id", quito}, {"parent_id", desk}}, sysadmin);
    srv.add_user("desk.admin", {"org_admin"}, desk);
    srv.add_user("desk.worker", {"caseworker"}, desk);
    admin = srv.login("desk.admin");
    worker = srv.login("desk.worker");
    shelter = post("/api/v1/services",
                   {{"category", "shelter"}, {"name", "Albergue San Blas"},
                    {"description", "Camas para familias en tránsito"},
                    {"eligibility", "Familias con niños"}, {"min_age", 0}, {"max_age", 99},
                    {"languages", {"es", "en"}}, {"territory_ids", {quito, pichincha}},
                    {"hours", "Llamar antes de venir"},
                    {"required_documents", {"Pasaporte o cédula", "Carnet de vacunas"}},
                    {"fees", "Gratuito"}, {"how_to_apply", "Presentarse en recepción"},
                    {"status", "active"}, {"capacity_available", 7}, {"accepting", true},
                    {"expected_wait_days", 2}, {"last_verified_at", "2026-11-01"},
                    {"address", "Calle Rocafuerte 1234, Quito"}, {"phone", "+593 2 295 0000"},
                    {"location", {{"lat", -0.2201}, {"lon", -78.5123}}},
                    {"schedule", json::array{json::object{{"weekday", 1}, {"opens", "08:00"}, {"closes", "16:00"}},
                                             json::object{{"weekday", 5}, {"opens", "22:00"}, {"closes", "06:00"}}}}},
                   admin);
    closed = post("/api/v1/services",
                  {{"category", "legal_aid"}, {"name", "Asesoría legal"}, {"languages", {"es"}},
                   {"territory_ids", {ec}}, {"status", "temporarily_closed"}, {"accepting", false},
                   {"organization_id", desk}},
                  admin);
  }
};

class HsdsFeed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    srv_ = new ServerProcess(options());
    net_ = new Network;
    net_->build(*srv_);
  }
  static void TearDownTestSuite() {
    delete net_;
    delete srv_;
  }
  static ServerProcess& srv() { return *srv_; }
  static Network& net() { return *net_; }
  static inline ServerProcess* srv_ = nullptr;
  static inline Network* net_ = nullptr;
  TempDir dir_;
};

}  // namespace

TEST_F(HsdsFeed, SignedOutCallersAreRefusedEverywhere) {
  for (const std::string& path : {std::string("/hsds/"), std::string("/hsds/services"),
                                  "/hsds/services/" + net().shelter, std::string("/hsds/organizations"),
                                  "/hsds/organizations/" + net().desk}) {
    EXPECT_EQ(srv().get(path).status, 401) << path;
    EXPECT_EQ(srv().get(path, net().worker).status, 200) << path;
  }
}

TEST_F(HsdsFeed, RootNamesTheVersion) {
  auto r = srv().get("/hsds/", net().worker);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("version"), json::value("3.0"));
}

TEST_F(HsdsFeed, AServiceIsFullyNestedAndValid) {
  auto r = srv().get("/hsds/services/" + net().shelter, net().worker);
  ASSERT_EQ(r.status, 200) << r.body;
  expect_valid_hsds("service", r.body, dir_.path());
  auto s = r.json().as_object();
  EXPECT_EQ(s.at("id"), json::value(net().shelter));
  EXPECT_EQ(s.at("status"), json::value("active"));
  EXPECT_EQ(s.at("eligibility_description"), json::value("Familias con niños"));
  EXPECT_EQ(s.at("application_process"), json::value("Presentarse en recepción"));
  EXPECT_EQ(s.at("fees_description"), json::value("Gratuito"));
  EXPECT_EQ(s.at("wait_time"), json::value("2 days"));
  EXPECT_EQ(s.at("assured_date"), json::value("2026-11-01"));
  EXPECT_EQ(s.at("phones").at(0).at("number"), json::value("+593 2 295 0000"));
  EXPECT_EQ(s.at("languages").as_array().size(), 2u);
  EXPECT_EQ(s.at("required_documents").at(1).at("document"), json::value("Carnet de vacunas"));
  const auto& sched = s.at("schedules").as_array();
  ASSERT_EQ(sched.size(), 3u);  // two weekly periods and the free-text hours
  EXPECT_EQ(sched[0].at("byday"), json::value("MO"));
  EXPECT_EQ(sched[0].at("opens_at"), json::value("08:00"));
  EXPECT_EQ(sched[1].at("byday"), json::value("FR"));
  EXPECT_EQ(sched[1].at("closes_at"), json::value("06:00"));
  EXPECT_EQ(sched[2].at("description"), json::value("Llamar antes de venir"));
  const auto& loc = s.at("service_at_locations").at(0).at("location");
  EXPECT_DOUBLE_EQ(loc.at("latitude").as_double(), -0.2201);
  const auto& addr = loc.at("addresses").at(0);
  EXPECT_EQ(addr.at("address_1"), json::value("Calle Rocafuerte 1234, Quito"));
  EXPECT_EQ(addr.at("city"), json::value("Quito"));
  EXPECT_EQ(addr.at("state_province"), json::value("Pichincha"));
  EXPECT_EQ(addr.at("country"), json::value("EC"));
  // The category is a taxonomy term; places free and accepting are attributes.
  std::map<std::string, std::string> attrs;
  for (const auto& a : s.at("attributes").as_array())
    attrs[std::string(a.at("taxonomy_term").at("code").as_string())] = std::string(a.at("value").as_string());
  EXPECT_TRUE(attrs.count("shelter"));
  EXPECT_EQ(attrs["enlace:capacity_available"], "7");
  EXPECT_EQ(attrs["enlace:accepting"], "true");
  EXPECT_EQ(s.at("organization").at("id"), json::value(net().desk));
  EXPECT_EQ(s.at("service_areas").as_array().size(), 2u);
}

TEST_F(HsdsFeed, StatusUsesHsdsWordsAndOrganisationsGetADescription) {
  auto r = srv().get("/hsds/services/" + net().closed, net().worker);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), json::value("temporarily closed"));
  auto o = srv().get("/hsds/organizations/" + net().unit, net().worker);
  ASSERT_EQ(o.status, 200) << o.body;
  expect_valid_hsds("organization", o.body, dir_.path());
  EXPECT_EQ(o.json().at("description"), json::value("Mobile Unit North (civil society)"));
  EXPECT_EQ(o.json().at("parent_organization_id"), json::value(net().desk));
  auto desk = srv().get("/hsds/organizations/" + net().desk, net().worker);
  ASSERT_EQ(desk.status, 200);
  expect_valid_hsds("organization", desk.body, dir_.path());
  EXPECT_EQ(desk.json().at("services").as_array().size(), 2u);
  EXPECT_EQ(desk.json().at("email"), json::value("desk@example.org"));
  EXPECT_EQ(srv().get("/hsds/services/nope", net().worker).status, 404);
  EXPECT_EQ(srv().get("/hsds/organizations/nope", net().worker).status, 404);
}

TEST_F(HsdsFeed, EveryOrganisationIsListedInValidPages) {
  auto r = srv().get("/hsds/organizations", net().worker);
  ASSERT_EQ(r.status, 200) << r.body;
  expect_valid_hsds("organization_page", r.body, dir_.path());
  std::set<std::string> ids;
  const auto body5 = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& o : body5.at("contents").as_array()) ids.insert(std::string(o.at("id").as_string()));
  EXPECT_TRUE(ids.count(net().desk));
  EXPECT_TRUE(ids.count(net().unit));  // an organisation with no service is listed too
  EXPECT_EQ(r.json().at("total_items").as_int64(), static_cast<std::int64_t>(ids.size()));
}

TEST_F(HsdsFeed, PagesFollowTheHsdsReference) {
  auto first = srv().get("/hsds/services?per_page=1", net().worker);
  ASSERT_EQ(first.status, 200) << first.body;
  expect_valid_hsds("service_page", first.body, dir_.path());
  auto p = first.json().as_object();
  const auto total = p.at("total_items").as_int64();
  EXPECT_GE(total, 2);
  EXPECT_EQ(p.at("total_pages").as_int64(), total);
  EXPECT_EQ(p.at("page_number").as_int64(), 1);
  EXPECT_EQ(p.at("size").as_int64(), 1);
  EXPECT_EQ(p.at("first_page"), json::value(true));
  EXPECT_EQ(p.at("last_page"), json::value(false));
  // Every page once, in a stable order.
  std::set<std::string> seen;
  for (std::int64_t page = 1; page <= total; ++page) {
    auto r = srv().get("/hsds/services?per_page=1&page=" + std::to_string(page), net().worker);
    ASSERT_EQ(r.status, 200);
    const auto body6 = r.json();  // named: a range-for over a temporary's member dangles
    for (const auto& s : body6.at("contents").as_array()) seen.insert(std::string(s.at("id").as_string()));
    EXPECT_EQ(r.json().at("last_page"), json::value(page == total));
  }
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
  auto past = srv().get("/hsds/services?page=" + std::to_string(total + 1) + "&per_page=1", net().worker);
  ASSERT_EQ(past.status, 200);
  EXPECT_EQ(past.json().at("empty"), json::value(true));
  // Default page size 50; bounds are a 400 problem.
  EXPECT_EQ(srv().get("/hsds/services?per_page=500", net().worker).status, 200);
  for (const char* q : {"page=0", "page=-1", "page=x", "per_page=0", "per_page=501", "per_page=",
                        "modified_after=yesterday"}) {
    auto r = srv().get(std::string("/hsds/services?") + q, net().worker);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << q;
    EXPECT_EQ(srv().get(std::string("/hsds/organizations?") + q, net().worker).status, 400) << q;
  }
}

TEST_F(HsdsFeed, ModifiedAfterListsWhatChangedSince) {
  srv().advance_minutes(20);  // within the sessions' 30 idle minutes
  const std::string since = srv().now();
  auto none = srv().get("/hsds/services?modified_after=" + since, net().worker);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json().at("total_items").as_int64(), 0);
  auto current = srv().get("/api/v1/services/" + net().closed, net().worker);
  auto v = std::to_string(current.json().at("version").as_int64());
  ASSERT_EQ(srv().patch("/api/v1/services/" + net().closed, {{"capacity_available", 3}}, net().admin, v).status, 200);
  auto changed = srv().get("/hsds/services?modified_after=" + since, net().worker);
  ASSERT_EQ(changed.status, 200);
  ASSERT_EQ(changed.json().at("total_items").as_int64(), 1);
  EXPECT_EQ(changed.json().at("contents").at(0).at("id"), json::value(net().closed));
  // A date means from the start of that day.
  auto by_day = srv().get("/hsds/services?modified_after=" + since.substr(0, 10), net().worker);
  EXPECT_GE(by_day.json().at("total_items").as_int64(), 1);
  auto orgs = srv().get("/hsds/organizations?modified_after=" + since, net().worker);
  EXPECT_EQ(orgs.json().at("total_items").as_int64(), 0);
}

// hsds_public = true publishes the feed, and only the feed.
TEST(HsdsPublic, TheSettingOpensTheFeedToAnyone) {
  ServerProcess srv(options(true));
  Network net;
  net.build(srv);
  for (const std::string& path : {std::string("/hsds/"), std::string("/hsds/services"),
                                  "/hsds/services/" + net.shelter, std::string("/hsds/organizations"),
                                  "/hsds/organizations/" + net.desk})
    EXPECT_EQ(srv.get(path).status, 200) << path;
  EXPECT_EQ(srv.get("/api/v1/services").status, 401);
  EXPECT_EQ(srv.get("/api/v1/organizations").status, 401);
}

// export -> a fresh database -> import -> export gives the same file (last_modified aside: an
// import is a change its readers must see).
TEST(HsdsDirectoryFile, ExportImportRoundTripsTheDirectory) {
  ServerProcess srv(options());
  Network net;
  net.build(srv);
  TempDir dir;
  const std::string bin = ServerProcess::binary();
  const std::string first = dir.path() + "/first.json", second = dir.path() + "/second.json";
  auto out = run_command({bin, "directory", "export", "--db", srv.db_path(), "--format", "hsds", "--to", first});
  ASSERT_EQ(out.exit_code, 0) << out.output;
  expect_valid_hsds("export", read_file(first), dir.path());

  const std::string fresh = dir.path() + "/fresh.db";
  ASSERT_EQ(run_command({bin, "init", "--db", fresh}).exit_code, 0);
  auto in = run_command({bin, "directory", "import", "--db", fresh, "--format", "hsds", "--from", first});
  ASSERT_EQ(in.exit_code, 0) << in.output;
  EXPECT_NE(in.output.find("2 services added"), std::string::npos) << in.output;
  out = run_command({bin, "directory", "export", "--db", fresh, "--format", "hsds", "--to", second});
  ASSERT_EQ(out.exit_code, 0) << out.output;

  auto strip = [](json::value v) {
    for (auto& s : v.as_array()) {
      s.as_object().erase("last_modified");
      s.at("organization").as_object().erase("last_modified");
    }
    return v;
  };
  auto a = strip(json::parse(read_file(first))), b = strip(json::parse(read_file(second)));
  EXPECT_EQ(a, b) << json::serialize(a) << "\n---\n" << json::serialize(b);
  EXPECT_GE(enlace::test::count_audit(fresh, "service.create"), 2);

  // Importing the same file again changes nothing; a changed name updates that service.
  auto again = run_command({bin, "directory", "import", "--db", fresh, "--from", first});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 services added, 0 updated, 2 unchanged"), std::string::npos) << again.output;
  auto edited = json::parse(read_file(first));
  edited.as_array()[0].as_object()["name"] = "Renamed service";
  write_file(dir.path() + "/edited.json", json::serialize(edited));
  auto upd = run_command({bin, "directory", "import", "--db", fresh, "--from", dir.path() + "/edited.json"});
  ASSERT_EQ(upd.exit_code, 0) << upd.output;
  EXPECT_NE(upd.output.find("0 services added, 1 updated"), std::string::npos) << upd.output;
  EXPECT_EQ(enlace::test::query_int(fresh, "SELECT count(*) FROM service WHERE name = 'Renamed service'"), 1);
}

TEST(HsdsDirectoryFile, InvalidInputIsRefusedAndChangesNothing) {
  TempDir dir;
  const std::string bin = ServerProcess::binary();
  const std::string db = dir.path() + "/d.db";
  ASSERT_EQ(run_command({bin, "init", "--db", db}).exit_code, 0);
  const auto events = enlace::test::query_int(db, "SELECT count(*) FROM audit_event");
  auto import = [&](const std::string& text) {
    write_file(dir.path() + "/in.json", text);
    return run_command({bin, "directory", "import", "--db", db, "--format", "hsds", "--from", dir.path() + "/in.json"});
  };
  auto r = import("{\"not\": \"a list\"}");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = import("[1, 2");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not JSON"), std::string::npos) << r.output;
  // One good service and one whose status and organisation are wrong: neither is written.
  const std::string org = R"({"id":"o1","name":"Desk","description":"d","attributes":[
      {"id":"a1","taxonomy_term":{"id":"t1","code":"enlace:organization_kind","name":"k","description":"k"},"value":"help_desk"},
      {"id":"a2","taxonomy_term":{"id":"t2","code":"enlace:territory","name":"t","description":"t"},
       "value":"[{\"id\":\"t-ec\",\"name\":\"Ecuador\",\"level\":\"country\"}]"}]})";
  const std::string area = R"([{"id":"sa","extent_type":"enlace_territory_path","extent":"[{\"id\":\"t-ec\",\"name\":\"Ecuador\",\"level\":\"country\"}]"}])";
  const std::string cat = R"([{"id":"c","taxonomy_term":{"id":"tc","code":"food","name":"Food","description":"Food"},"value":"food"}])";
  const std::string good = R"({"id":"s1","name":"Comedor","status":"active","organization":)" + org +
                           R"(,"service_areas":)" + area + R"(,"attributes":)" + cat + R"(,"languages":[{"id":"l","code":"es"}]})";
  const std::string bad = R"({"id":"s2","name":"","status":"open","organization":)" + org +
                          R"(,"service_areas":)" + area + R"(,"attributes":)" + cat + "}";
  r = import("[" + good + "," + bad + "]");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("[1].status"), std::string::npos) << r.output;
  r = import("[" + good + R"(,{"id":"s3","name":"X","status":"active","organization":)" + org +
             R"(,"service_areas":)" + area + R"(,"attributes":)" + cat + R"(,"languages":[{"id":"l","code":"klingon"}]}])");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("[1].languages[0]"), std::string::npos) << r.output;
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM service"), 0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM organization"), 0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM territory"), 0);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM audit_event"), events);
  // The good one alone goes in.
  r = import("[" + good + "]");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM service"), 1);
}
