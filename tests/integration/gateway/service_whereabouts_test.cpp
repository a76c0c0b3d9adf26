// A service's address, phone, map position, weekly schedule and places free (API.md, Daily
// work), and the directory filters built on them: open_now by the service's local time (the
// nearest zone up from its territories) and available.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <set>

using enlace::test::ServerProcess;
using enlace::test::ServerOptions;
namespace json = boost::json;

namespace {

ServerOptions options() {
  ServerOptions o;
  o.env["ENLACE_TOTP_REQUIRED"] = "false";
  return o;
}

class ServiceWhereabouts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    srv_ = new ServerProcess(options());
    const auto& db = srv_->db_path();
    // Ecuador keeps UTC-5 all year; the Philippines UTC+8; "Nowhere" has no zone (UTC).
    enlace::test::exec_sql(db,
        "INSERT INTO territory (id, name, level, parent_id, code, time_zone, created_at, updated_at) VALUES "
        "('t-ec', 'Ecuador', 'country', NULL, 'EC', 'America/Guayaquil', 0, 0),"
        "('t-quito', 'Quito', 'municipality', 't-ec', NULL, NULL, 0, 0),"
        "('t-ph', 'Philippines', 'country', NULL, 'PH', 'Asia/Manila', 0, 0),"
        "('t-none', 'Nowhere', 'country', NULL, NULL, NULL, 0, 0)");
    enlace::test::insert_organization(db, "o-desk", "Quito Help Desk", "t-quito");
    srv_->add_user("admin", {"org_admin"}, "o-desk");
    srv_->add_user("worker", {"caseworker"}, "o-desk");
  }
  static void TearDownTestSuite() {
    delete srv_;
    srv_ = nullptr;
  }
  // Moves the clock and signs in again (a jump of days ends every session).
  static void at(const std::string& rfc3339) {
    srv_->set_now(rfc3339);
    admin_ = srv_->login("admin");
    worker_ = srv_->login("worker");
  }
  static json::object service(const std::string& name, const std::string& territory) {
    return {{"category", "shelter"}, {"name", name}, {"languages", {"es"}},
            {"territory_ids", {territory}}, {"status", "active"}, {"accepting", true}};
  }
  static std::string create(json::object body) {
    auto r = srv_->post("/api/v1/services", body, admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("id").as_string()) : "";
  }
  // The names a filtered list returns.
  static std::set<std::string> names(const std::string& query) {
    auto r = srv_->get("/api/v1/services?limit=500&" + query, worker_);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::set<std::string> out;
    if (r.status != 200) return out;
    auto items = r.json().at("items").as_array();
    for (const auto& s : items) out.insert(std::string(s.at("name").as_string()));
    return out;
  }
  static inline ServerProcess* srv_ = nullptr;
  static inline std::string admin_, worker_;
};

}  // namespace

TEST_F(ServiceWhereabouts, FieldsAreStoredAndReturned) {
  at("2026-11-24T12:00:00Z");
  auto body = service("Casa de acogida", "t-quito");
  body["address"] = "Av. Amazonas N24-03, Quito";
  body["phone"] = "+593 2 255-1234";
  body["location"] = {{"lat", -0.1807}, {"lon", -78.4678}};
  body["schedule"] = json::array{json::object{{"weekday", 5}, {"opens", "22:00"}, {"closes", "06:00"}},
                                 json::object{{"weekday", 1}, {"opens", "08:00"}, {"closes", "16:00"}}};
  body["capacity_available"] = 4;
  const std::string id = create(body);
  auto r = srv_->get("/api/v1/services/" + id, worker_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json().as_object();
  EXPECT_EQ(s.at("address"), json::value("Av. Amazonas N24-03, Quito"));
  EXPECT_EQ(s.at("phone"), json::value("+593 2 255-1234"));
  EXPECT_DOUBLE_EQ(s.at("location").at("lat").as_double(), -0.1807);
  EXPECT_DOUBLE_EQ(s.at("location").at("lon").as_double(), -78.4678);
  // Ordered by weekday; an overnight period keeps its own spelling.
  EXPECT_EQ(s.at("schedule"), json::parse(R"([{"weekday":1,"opens":"08:00","closes":"16:00"},
                                              {"weekday":5,"opens":"22:00","closes":"06:00"}])"));
  EXPECT_EQ(s.at("capacity_available"), json::value(4));
  EXPECT_EQ(s.at("capacity_updated_at"), json::value("2026-11-24T12:00:00Z"));
  // The older name reads and writes the same number: one thing, one column.
  EXPECT_EQ(s.at("capacity"), json::value(4));
  auto v = std::to_string(s.at("version").as_int64());
  srv_->advance_minutes(5);
  auto p = srv_->patch("/api/v1/services/" + id, {{"capacity", 2}, {"location", nullptr}}, admin_, v);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json().at("capacity_available"), json::value(2));
  EXPECT_EQ(p.json().at("capacity_updated_at"), json::value("2026-11-24T12:05:00Z"));
  EXPECT_TRUE(p.json().at("location").is_null());
  EXPECT_EQ(p.json().at("address"), json::value("Av. Amazonas N24-03, Quito"));  // untouched
}

TEST_F(ServiceWhereabouts, BadFieldsAreNamedAndChangeNothing) {
  at("2026-11-24T12:00:00Z");
  auto before = names("");
  auto body = service("Bad one", "t-quito");
  body["schedule"] = json::array{json::object{{"weekday", 8}, {"opens", "8:00"}, {"closes", "16:00"}},
                                 json::object{{"weekday", 1}, {"opens", "09:00"}, {"closes", "09:00"}, {"until", "x"}}};
  body["location"] = {{"lat", 100}, {"lon", "west"}};
  body["phone"] = "ring twice";
  body["capacity_available"] = -1;
  auto r = srv_->post("/api/v1/services", body, admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  const auto body1 = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& e : body1.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  for (const char* f : {"schedule[1].until", "location.lon"}) EXPECT_TRUE(fields.count(f)) << f << " in " << r.body;
  // Type errors come first; once they are fixed the rules speak.
  body["schedule"].as_array()[1].as_object().erase("until");
  body["location"].as_object()["lon"] = 0;
  r = srv_->post("/api/v1/services", body, admin_);
  ASSERT_EQ(r.status, 422) << r.body;
  fields.clear();
  const auto body2 = r.json();  // named: a range-for over a temporary's member dangles
  for (const auto& e : body2.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  for (const char* f : {"schedule[0].weekday", "schedule[0].opens", "schedule[1].closes", "location.lat",
                        "phone", "capacity_available"})
    EXPECT_TRUE(fields.count(f)) << f << " in " << r.body;
  EXPECT_EQ(names(""), before);
  auto both = service("Two names", "t-quito");
  both["capacity"] = 1;
  both["capacity_available"] = 1;
  EXPECT_EQ(srv_->post("/api/v1/services", both, admin_).status, 422);
  EXPECT_EQ(srv_->get("/api/v1/services?open_now=yes", worker_).status, 422);
  EXPECT_EQ(srv_->get("/api/v1/services?available=1", worker_).status, 422);
}

TEST_F(ServiceWhereabouts, OpenNowReadsTheScheduleInTheServicesLocalTime) {
  at("2026-11-30T12:00:00Z");  // a Monday
  auto weekday = [](const char* name, const char* territory, int day, const char* opens, const char* closes) {
    auto b = service(name, territory);
    b["schedule"] = json::array{json::object{{"weekday", day}, {"opens", opens}, {"closes", closes}}};
    return create(b);
  };
  weekday("Quito mornings", "t-quito", 1, "08:00", "12:00");     // 13:00-17:00Z
  weekday("UTC mornings", "t-none", 1, "08:00", "12:00");        // 08:00-12:00Z
  weekday("Manila evenings", "t-ph", 1, "18:00", "22:00");       // 10:00-14:00Z
  weekday("Quito Sunday night", "t-quito", 7, "20:00", "06:00"); // Sun 20:00 - Mon 06:00 local
  create(service("No schedule", "t-quito"));

  auto open = [&] {
    auto all = names("open_now=true");
    std::set<std::string> mine;
    for (const char* n : {"Quito mornings", "UTC mornings", "Manila evenings", "Quito Sunday night", "No schedule"})
      if (all.count(n)) mine.insert(n);
    return mine;
  };
  at("2026-11-30T09:00:00Z");  // Quito 04:00 Mon, UTC 09:00, Manila 17:00
  EXPECT_EQ(open(), (std::set<std::string>{"UTC mornings", "Quito Sunday night"}));
  at("2026-11-30T11:59:00Z");  // Quito 06:59, Manila 19:59
  EXPECT_EQ(open(), (std::set<std::string>{"UTC mornings", "Manila evenings"}));
  at("2026-11-30T12:00:00Z");  // UTC closes (exclusive)
  EXPECT_EQ(open(), (std::set<std::string>{"Manila evenings"}));
  at("2026-11-30T14:00:00Z");  // Quito 09:00, Manila 22:00 (closed)
  EXPECT_EQ(open(), (std::set<std::string>{"Quito mornings"}));
  at("2026-12-01T10:30:00Z");  // Tuesday: nothing of these
  EXPECT_EQ(open(), (std::set<std::string>{}));
  // open_now=false is the rest, services without a schedule included.
  EXPECT_TRUE(names("open_now=false").count("No schedule"));
  EXPECT_FALSE(names("open_now=false&q=quito%20mornings").empty());
}

TEST_F(ServiceWhereabouts, OpenNowPagesThroughEveryMatch) {
  at("2026-12-02T12:00:00Z");  // a Wednesday
  for (int i = 0; i < 5; ++i) {
    auto b = service("Paged open " + std::to_string(i), "t-none");
    b["schedule"] = json::array{json::object{{"weekday", 3}, {"opens", "00:00"}, {"closes", "24:00"}}};
    create(b);
    create(service("Paged closed " + std::to_string(i), "t-none"));
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = srv_->get("/api/v1/services?limit=2&open_now=true&q=paged" + (cursor.empty() ? "" : "&cursor=" + cursor), worker_);
    ASSERT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    EXPECT_LE(items.size(), 2u);
    for (const auto& s : items) EXPECT_TRUE(seen.insert(std::string(s.at("name").as_string())).second);
    auto next = r.json().at("next_cursor");
    cursor = next.is_null() ? "" : std::string(next.as_string());
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  for (const auto& n : seen) EXPECT_EQ(n.rfind("Paged open", 0), 0u) << n;
}

TEST_F(ServiceWhereabouts, AvailableLeavesOutFullAndClosedListingsButKeepsUnknown) {
  at("2026-12-03T12:00:00Z");
  auto with = [](const char* name, bool accepting, std::optional<int> places) {
    auto b = service(name, "t-quito");
    b["accepting"] = accepting;
    if (places) b["capacity_available"] = *places;
    return create(b);
  };
  with("Avail free", true, 3);
  with("Avail full", true, 0);
  with("Avail unknown", true, std::nullopt);
  with("Avail not accepting", false, 5);
  EXPECT_EQ(names("available=true&q=avail"), (std::set<std::string>{"Avail free", "Avail unknown"}));
  EXPECT_EQ(names("available=false&q=avail"), (std::set<std::string>{"Avail full", "Avail not accepting"}));
}
