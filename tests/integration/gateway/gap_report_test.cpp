// The service-gap report over a small known network: every raw figure, what the published
// JSON and CSV show and hide, who may read it, and its command-line twin.
#include "core/gap_report.hpp"
#include "gap_network.hpp"
#include "storage/gap_report_repository.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

using enlace::test::GapNetwork;
using enlace::test::GapReader;
using enlace::test::PersonRow;
using enlace::test::ReferralRow;
using enlace::test::ServerProcess;
namespace bj = boost::json;
namespace core = enlace::core;
namespace storage = enlace::storage;

namespace {

struct Ids {
  std::string country, province, north, north_district, south, other_province, other_town;
  std::string org_a, org_b, org_x;
  std::vector<std::string> case_ids;
};

class GapReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess();
    auto root = server->add_user("root", {"system_admin"});
    GapNetwork n(server->db_path(), root);
    Ids& k = ids;
    k.country = n.territory("Pais", "country");
    k.province = n.territory("Provincia Centro", "province", k.country);
    k.north = n.territory("Municipio Norte, Alto", "municipality", k.province);
    k.north_district = n.territory("Distrito Uno", "district", k.north);
    k.south = n.territory("Municipio Sur", "municipality", k.province);
    k.other_province = n.territory("Provincia Lejana", "province", k.country);
    k.other_town = n.territory("Pueblo Lejano", "municipality", k.other_province);
    k.org_a = n.organization("A", k.north);
    k.org_b = n.organization("B", k.south);
    k.org_x = n.organization("X", k.other_town);

    // Supply of the province: S1 (its town) and S2 (the country) count; not accepting,
    // inactive and another province's services do not.
    n.service(k.org_b, "shelter", "active", true, 10, {k.south});
    n.service(k.org_b, "shelter", "active", true, 20, {k.country});
    n.service(k.org_a, "shelter", "active", false, 50, {k.province});
    n.service(k.org_a, "shelter", "inactive", true, 50, {k.north});
    n.service(k.org_x, "shelter", "active", true, 7, {k.other_town});
    n.service(k.org_a, "health", "active", true, std::nullopt, {k.north_district});

    auto add = [&](const std::string& org, const std::string& place, const PersonRow& p) {
      k.case_ids.push_back(n.case_file(org, place, p));
      return k.case_ids.back();
    };
    PersonRow woman;
    PersonRow man{"male", "CO", "2000-01-01", std::nullopt, std::nullopt};
    // Six accepted shelter referrals, 10 hours to answer.
    for (int i = 0; i < 6; ++i) {
      auto c = add(k.org_a, k.north, woman);
      n.need(c, "shelter", "2026-11-03T09:00:00Z");
      n.referral(c, k.org_a, k.org_b, "shelter",
                 {"accepted", "2026-11-03T10:00:00Z", "", "2026-11-03T20:00:00Z", "2026-11-06T10:00:00Z", ""});
    }
    // Five rejected for lack of capacity, 20 hours to answer, in a district of the north.
    for (int i = 0; i < 5; ++i) {
      auto c = add(k.org_a, k.north_district, man);
      n.need(c, "shelter", "2026-11-10T09:00:00Z");
      n.referral(c, k.org_a, k.org_b, "shelter",
                 {"rejected", "2026-11-10T10:00:00Z", "", "2026-11-11T06:00:00Z", "2026-11-13T10:00:00Z", "no_capacity"});
    }
    // Org B's cases in the south: one referral to A still unanswered past its deadline.
    PersonRow woman85{"female", "VE", "1985-03-03", std::nullopt, std::nullopt};
    auto waiting = add(k.org_b, k.south, woman85);
    n.need(waiting, "shelter", "2026-11-17T09:00:00Z");
    n.referral(waiting, k.org_b, k.org_a, "shelter",
               {"requested", "2026-11-20T09:00:00Z", "", "", "2026-11-21T09:00:00Z", ""});
    n.need(add(k.org_b, k.south, woman85), "shelter", "2026-11-17T09:00:00Z");
    // Recorded at the province itself, age estimated: the last day of the period counts.
    auto estimated = add(k.org_a, k.province, {"unknown", "HT", std::nullopt, 4, "2026-01-01"});
    n.need(estimated, "health", "2026-11-22T23:00:00Z");
    // A need the day before the period (out), whose referral was requested in it (in).
    auto before = add(k.org_a, k.north, woman);
    n.need(before, "shelter", "2026-11-01T23:59:59Z");
    n.referral(before, k.org_a, k.org_b, "shelter",
               {"completed", "2026-11-02T00:00:00Z", "", "2026-11-02T05:00:00Z", "2026-11-05T00:00:00Z", ""});
    n.need(add(k.org_a, k.north, man), "shelter", "2026-11-23T00:00:00Z");  // the day after: out
    // Another province: never in this province's report.
    auto far = add(k.org_x, k.other_town, woman);
    n.need(far, "shelter", "2026-11-05T09:00:00Z");
    n.referral(far, k.org_x, k.org_b, "shelter", {"received", "2026-11-05T10:00:00Z", "", "", "2026-11-08T10:00:00Z", ""});
    // Turning 5 the day after the need: 0-4. Turning 5 on the day: 5-11.
    n.need(add(k.org_a, k.south, {"female", "VE", "2021-11-18", std::nullopt, std::nullopt}), "health",
           "2026-11-17T10:00:00Z");
    n.need(add(k.org_a, k.south, {"male", "VE", "2021-11-17", std::nullopt, std::nullopt}), "health",
           "2026-11-17T10:00:00Z");
    // A draft meets nothing; a live referral beside a cancelled one does.
    auto drafted = add(k.org_a, k.north, woman);
    n.need(drafted, "legal_aid", "2026-11-05T09:00:00Z");
    n.referral(drafted, k.org_a, k.org_b, "legal_aid", {"draft", "", "2026-11-05T12:00:00Z", "", "", ""});
    auto elder = add(k.org_a, k.north, {"male", "SY", "1960-02-01", std::nullopt, std::nullopt});
    n.need(elder, "legal_aid", "2026-11-05T09:00:00Z");
    n.referral(elder, k.org_a, k.org_b, "legal_aid", {"cancelled", "2026-11-06T09:00:00Z", "", "", "2026-11-09T09:00:00Z", ""});
    n.referral(elder, k.org_a, k.org_b, "legal_aid",
               {"in-progress", "2026-11-08T00:00:00Z", "", "2026-11-08T04:00:00Z", "2026-11-11T00:00:00Z", ""});

    server->add_user("coord", {"coordinator"}, k.org_a);
    server->add_user("admin_a", {"org_admin"}, k.org_a);
    server->add_user("worker", {"caseworker"}, k.org_a);
    server->add_user("partner", {"partner"}, k.org_b);
    server->add_user("auditor", {"auditor"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static core::GapReport raw(const std::string& query_string, std::optional<std::string> org = std::nullopt) {
    core::GapQueryDraft d;
    std::istringstream in(query_string);
    for (std::string kv; std::getline(in, kv, '&');) {
      auto eq = kv.find('=');
      auto key = kv.substr(0, eq), value = kv.substr(eq + 1);
      if (key == "from") d.from = value;
      if (key == "to") d.to = value;
      if (key == "territory") d.territory = value;
      if (key == "category") d.category = value;
      if (key == "by") d.by = value;
    }
    auto q = core::make_gap_query(d, *core::parse_date("2026-11-24"));
    EXPECT_TRUE(q);
    auto c = storage::Connection::open(server->db_path(), {.read_only = true});
    storage::ReadTxn tx(c);
    auto r = storage::GapReportRepository::gather(tx, {org}, *q, *core::parse_timestamp(kNow));
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    return *r;
  }
  static std::string period() { return "from=2026-11-02&to=2026-11-22&territory=" + ids.province; }
  static bj::object get(const std::string& user, const std::string& query) {
    auto r = server->get("/api/v1/stats/gaps?" + query, server->login(user));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  static constexpr const char* kNow = "2026-11-24T12:00:00Z";
  static ServerProcess* server;
  static Ids ids;
};
ServerProcess* GapReportTest::server = nullptr;
Ids GapReportTest::ids;

const core::CategoryFigures& category(const core::GapReport& r, const std::string& code) {
  for (const auto& c : r.categories)
    if (c.category == code) return c;
  ADD_FAILURE() << "no category " << code;
  return r.categories.front();
}

const bj::object& category(const bj::object& report, const std::string& code) {
  return enlace::test::published_category(report, code);
}

}  // namespace

TEST_F(GapReportTest, EveryRawFigureOfTheProvinceFollowsTheDefinitions) {
  auto r = raw(period());
  ASSERT_EQ(r.categories.size(), 3u);
  EXPECT_EQ(r.categories[0].category, "health");
  EXPECT_EQ(r.categories[1].category, "legal_aid");
  EXPECT_EQ(r.categories[2].category, "shelter");

  const auto& shelter = category(r, "shelter");
  EXPECT_EQ(shelter.demand, 13);  // 6 + 5 + 2; the needs of Nov 1 and Nov 23 are outside
  EXPECT_EQ(shelter.unmet, 6);    // 5 rejected, 1 never referred
  EXPECT_EQ(shelter.referrals.at("accepted"), 6);
  EXPECT_EQ(shelter.referrals.at("rejected"), 5);
  EXPECT_EQ(shelter.referrals.at("requested"), 1);
  EXPECT_EQ(shelter.referrals.at("completed"), 1);  // requested Nov 2 for a need of Nov 1
  EXPECT_EQ(shelter.referrals.at("received"), 0);   // the other province's
  EXPECT_EQ(shelter.rejections.at("no_capacity"), 5);
  EXPECT_EQ(shelter.rejections.at("other"), 0);
  EXPECT_EQ(shelter.overdue, 1);
  ASSERT_TRUE(shelter.response_hours.median);
  EXPECT_DOUBLE_EQ(*shelter.response_hours.median, 10.0);  // 12 answers: 5, 10 x6, 20 x5
  EXPECT_DOUBLE_EQ(*shelter.response_hours.p90, 20.0);
  EXPECT_EQ(shelter.supply.services, 2);
  EXPECT_EQ(shelter.supply.capacity, 30);

  const auto& health = category(r, "health");
  EXPECT_EQ(health.demand, 3);
  EXPECT_EQ(health.unmet, 3);
  EXPECT_EQ(health.supply.services, 1);
  EXPECT_EQ(health.supply.capacity, 0);
  EXPECT_FALSE(core::demand_per_supply(health));

  const auto& legal = category(r, "legal_aid");
  EXPECT_EQ(legal.demand, 2);
  EXPECT_EQ(legal.unmet, 1);  // the draft
  EXPECT_EQ(legal.referrals.at("draft"), 1);
  EXPECT_EQ(legal.referrals.at("cancelled"), 1);
  EXPECT_EQ(legal.referrals.at("in-progress"), 1);
  EXPECT_FALSE(legal.response_hours.median);  // one answer: withheld
  EXPECT_EQ(legal.supply.services, 0);
}

TEST_F(GapReportTest, WeeksAreIsoWeeksCutByThePeriod) {
  auto r = raw(period());
  // Three weeks, each an all-categories row followed by one row per category.
  ASSERT_EQ(r.weekly.size(), 12u);
  auto row = [&](std::size_t i) { return r.weekly[i]; };
  EXPECT_EQ(core::format_date(row(0).week_start), "2026-11-02");
  EXPECT_FALSE(row(0).category);
  EXPECT_EQ(row(0).demand, 8);
  EXPECT_EQ(row(0).referrals, 10);
  EXPECT_EQ(row(0).unmet, 1);
  EXPECT_EQ(*row(3).category, "shelter");
  EXPECT_EQ(row(3).demand, 6);
  EXPECT_EQ(row(3).referrals, 7);  // Nov 8 is a Sunday: still the week of Nov 2
  EXPECT_EQ(core::format_date(row(4).week_start), "2026-11-09");
  EXPECT_EQ(row(4).demand, 5);
  EXPECT_EQ(row(4).unmet, 5);
  EXPECT_EQ(core::format_date(row(8).week_start), "2026-11-16");
  EXPECT_EQ(row(8).demand, 5);
  EXPECT_EQ(row(8).referrals, 1);
  EXPECT_EQ(row(8).unmet, 4);
  EXPECT_EQ(*row(9).category, "health");
  EXPECT_EQ(row(9).demand, 3);
}

TEST_F(GapReportTest, ChildTerritoriesCountTheirWholeSubtreeAndAddUpWithTheTerritoryItself) {
  auto r = raw(period());
  ASSERT_EQ(r.territories.size(), 3u);
  EXPECT_EQ(r.territories[0].territory_id, ids.province);  // the case recorded at the province
  EXPECT_EQ(r.territories[0].demand, 1);
  EXPECT_EQ(r.territories[0].unmet, 1);
  EXPECT_EQ(r.territories[1].name, "Municipio Norte, Alto");  // with its district
  EXPECT_EQ(r.territories[1].demand, 13);
  EXPECT_EQ(r.territories[1].referrals, 15);
  EXPECT_EQ(r.territories[1].unmet, 6);
  EXPECT_EQ(r.territories[2].name, "Municipio Sur");
  EXPECT_EQ(r.territories[2].demand, 4);
  EXPECT_EQ(r.territories[2].referrals, 1);
  EXPECT_EQ(r.territories[2].unmet, 3);

  auto town = raw("from=2026-11-02&to=2026-11-22&territory=" + ids.north);
  EXPECT_EQ(category(town, "shelter").demand, 11);
  EXPECT_EQ(category(town, "shelter").supply.services, 1);  // S2 covers the country; S1 only the south
  auto everywhere = raw("from=2026-11-02&to=2026-11-22");
  EXPECT_EQ(category(everywhere, "shelter").demand, 14);
  EXPECT_EQ(category(everywhere, "shelter").referrals.at("received"), 1);
  EXPECT_EQ(category(everywhere, "shelter").supply.services, 3);
  ASSERT_EQ(everywhere.territories.size(), 1u);  // the one top-level territory
  EXPECT_EQ(everywhere.territories[0].demand, 19);
}

TEST_F(GapReportTest, PeriodBoundsAreWidenedToWholeIsoWeeks) {
  // Sunday Nov 1 pulls in its week (from Oct 26); Monday Nov 23 its own (to Nov 29).
  EXPECT_EQ(category(raw("from=2026-11-01&to=2026-11-22&territory=" + ids.province), "shelter").demand, 14);
  EXPECT_EQ(category(raw("from=2026-11-02&to=2026-11-23&territory=" + ids.province), "shelter").demand, 14);
  auto last_day = raw("from=2026-11-22&to=2026-11-22&territory=" + ids.province);
  EXPECT_EQ(core::format_date(last_day.query.from), "2026-11-16");
  EXPECT_EQ(core::format_date(last_day.query.to), "2026-11-22");
  EXPECT_EQ(category(last_day, "health").demand, 3);  // the whole week, not Sunday alone
}

TEST_F(GapReportTest, AgeGroupIsTheAgeOnTheDayOfTheNeed) {
  auto r = raw(period() + "&by=age_group");
  std::map<std::string, std::int64_t> health, legal;
  for (const auto& g : r.groups)
    for (const auto& c : g.categories) {
      if (c.category == "health") health[g.group] = c.demand;
      if (c.category == "legal_aid") legal[g.group] = c.referrals.at("in-progress");
    }
  EXPECT_EQ(health["0-4"], 2);   // turning 5 the next day, and an estimated 4 year-old
  EXPECT_EQ(health["5-11"], 1);  // turning 5 that very day
  EXPECT_EQ(legal["60+"], 1);
  ASSERT_EQ(r.groups.size(), 5u);  // everyone has an age: no "unknown" group
  EXPECT_EQ(r.groups[0].group, "0-4");
}

TEST_F(GapReportTest, OrgAdminCountsOwnCasesAndReferralsSentOrReceived) {
  auto r = raw(period(), ids.org_a);
  const auto& shelter = category(r, "shelter");
  EXPECT_EQ(shelter.demand, 11);                    // B's two cases are not A's
  EXPECT_EQ(shelter.unmet, 5);
  // B's referral addressed to A would be placed by where B's person lives: not in a
  // territory's report.
  EXPECT_EQ(shelter.referrals.at("requested"), 0);
  EXPECT_EQ(shelter.overdue, 0);
  auto network = raw("from=2026-11-02&to=2026-11-22", ids.org_a);
  EXPECT_EQ(category(network, "shelter").referrals.at("requested"), 1);  // B's, to A
  EXPECT_EQ(category(network, "shelter").overdue, 1);
  ASSERT_EQ(network.territories.size(), 1u);
  EXPECT_EQ(network.territories[0].referrals, 15);  // A's own referrals; B's is in no row

  auto as_admin = get("admin_a", period());
  EXPECT_EQ(category(as_admin, "shelter").at("demand").as_int64(), 11);
  auto as_coordinator = get("coord", period());
  EXPECT_EQ(category(as_coordinator, "shelter").at("demand").as_int64(), 13);
}

TEST_F(GapReportTest, PublishedJsonShowsWhatIsSafeAndNothingElse) {
  for (const auto& extra : {"", "&by=sex", "&by=age_group", "&by=nationality"}) {
    auto body = get("coord", period() + extra);
    GapReader reader;
    EXPECT_TRUE(reader.recoverable(body).empty()) << extra;
    for (const auto& [path, n] : reader.shown()) EXPECT_FALSE(n >= 1 && n <= 4) << path << " = " << n;
  }
  auto body = get("coord", period());
  EXPECT_EQ(body.at("from").as_string(), "2026-11-02");
  EXPECT_EQ(body.at("territory_id").as_string(), ids.province);
  const auto& shelter = category(body, "shelter");
  EXPECT_EQ(shelter.at("demand").as_int64(), 13);
  EXPECT_EQ(shelter.at("referrals").at("accepted").as_int64(), 6);
  EXPECT_EQ(shelter.at("referrals").at("requested").as_string(), "<5");
  EXPECT_EQ(shelter.at("referrals").at("completed").as_string(), "<5");
  EXPECT_EQ(shelter.at("overdue").as_string(), "<5");
  EXPECT_EQ(shelter.at("response_hours").at("median").as_double(), 10.0);
  EXPECT_EQ(shelter.at("supply").at("services").as_string(), "<5");
  EXPECT_EQ(shelter.at("supply").at("capacity").as_int64(), 30);
  EXPECT_TRUE(category(body, "legal_aid").at("response_hours").at("median").is_null());
  EXPECT_EQ(category(body, "health").at("demand").as_string(), "<5");
  EXPECT_FALSE(body.contains("groups"));
  // Every count shown is the raw count; every raw count from 1 to 4 is hidden.
  auto expected = raw(period());
  for (const auto& f : expected.categories) {
    const auto& c = category(body, f.category);
    auto check = [&](const bj::value& v, std::int64_t n, const std::string& what) {
      if (v.is_int64()) {
        EXPECT_EQ(v.as_int64(), n) << f.category << " " << what;
      } else {
        // "<5" only for 1 to 4; a larger hidden count says "suppressed", never "<5".
        EXPECT_EQ(v.as_string(), n >= 1 && n <= 4 ? "<5" : "suppressed") << f.category << " " << what << " " << n;
        EXPECT_NE(n, 0) << f.category << " " << what;
      }
      if (n >= 1 && n <= 4) {
        EXPECT_TRUE(v.is_string()) << f.category << " " << what;
      }
    };
    check(c.at("demand"), f.demand, "demand");
    check(c.at("unmet"), f.unmet, "unmet");
    check(c.at("overdue"), f.overdue, "overdue");
    check(c.at("supply").at("services"), f.supply.services, "services");
    check(c.at("supply").at("capacity"), f.supply.capacity, "capacity");
    for (const auto& [state, n] : f.referrals) check(c.at("referrals").at(state), n, state);
    for (const auto& [reason, n] : f.rejections) check(c.at("rejections").at(reason), n, reason);
  }
  auto text = bj::serialize(body);
  for (const auto& id : ids.case_ids) EXPECT_EQ(text.find(id), std::string::npos);
  EXPECT_EQ(text.find("Ana"), std::string::npos);

  auto by_sex = get("coord", period() + "&by=sex");
  EXPECT_EQ(by_sex.at("by").as_string(), "sex");
  ASSERT_EQ(by_sex.at("groups").as_array().size(), 4u);
  EXPECT_EQ(by_sex.at("groups").at(0).at("group").as_string(), "female");
  EXPECT_FALSE(by_sex.at("groups").at(0).at("categories").at(0).as_object().contains("supply"));
}

TEST_F(GapReportTest, CsvIsOneTidyTableWithAHeader) {
  auto r = server->send({"GET", "/api/v1/stats/gaps?" + period(), {{"Accept", "text/csv"}}, ""},
                        server->login("coord"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  std::istringstream in(r.body);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "from,to,section,by,group,territory_id,territory_name,week_start,category,measure,key,value\r");
  std::set<std::string> lines;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r');
    line.pop_back();
    // Twelve fields: quotes only around the territory name with a comma in it.
    std::string unquoted = line;
    auto q = unquoted.find("\"Municipio Norte, Alto\"");
    if (q != std::string::npos) unquoted.replace(q, 23, "x");
    EXPECT_EQ(std::count(unquoted.begin(), unquoted.end(), ','), 11) << line;
    lines.insert(line);
  }
  auto p = ids.province;
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,category,,," + p + ",,,shelter,demand,,13"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,category,,," + p + ",,,shelter,referrals,requested,<5"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,category,,," + p + ",,,shelter,response_hours,median,10"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,category,,," + p + ",,,legal_aid,response_hours,median,"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,weekly,,," + p + ",,2026-11-16,,demand,,5"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,weekly,,," + p + ",,2026-11-16,shelter,demand,,<5"));
  EXPECT_TRUE(lines.count("2026-11-02,2026-11-22,territory,,," + ids.north + ",\"Municipio Norte, Alto\",,,demand,,13"));
  for (const auto& id : ids.case_ids) EXPECT_EQ(r.body.find(id), std::string::npos);
}

TEST_F(GapReportTest, OnlyCoordinatorsAndOrgAdminsMayReadIt) {
  for (const auto* user : {"worker", "partner", "auditor", "root"}) {
    auto r = server->get("/api/v1/stats/gaps", server->login(user));
    EXPECT_EQ(r.status, 403) << user;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
  }
  EXPECT_EQ(server->get("/api/v1/stats/gaps").status, 401);
}

TEST_F(GapReportTest, BadQueriesAre422AndNameTheParameter) {
  auto token = server->login("coord");
  auto field = [&](const std::string& q) {
    auto r = server->get("/api/v1/stats/gaps?" + q, token);
    EXPECT_EQ(r.status, 422) << q;
    return std::string(r.json().at("errors").at(0).at("field").as_string());
  };
  EXPECT_EQ(field("from=2026-11-10&to=2026-11-01"), "to");
  EXPECT_EQ(field("from=yesterday"), "from");
  EXPECT_EQ(field("territory=no-such-place"), "territory");
  EXPECT_EQ(field("category=unicorns"), "category");
  EXPECT_EQ(field("by=religion"), "by");
  EXPECT_EQ(field("territoy=" + ids.province), "territoy");
}

TEST_F(GapReportTest, ReadingTheReportIsAuditedWithoutPersonalData) {
  get("coord", period());
  auto c = storage::Connection::open(server->db_path(), {.read_only = true});
  auto st = c.prepared(
      "SELECT entity_type, entity_id, outcome, role FROM audit_event WHERE action = 'stats.gaps' "
      "ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "gap_report");
  EXPECT_EQ(st.text(1), ids.province);
  EXPECT_EQ(st.text(2), "ok");
  EXPECT_EQ(st.text(3), "coordinator");
}

TEST_F(GapReportTest, CommandLineTwinPrintsTheCoordinatorReport) {
  auto api = get("coord", period() + "&by=sex");
  auto cli = enlace::test::run_command({ServerProcess::binary(), "stats", "gaps", "--db", server->db_path(), "--from",
                                        "2026-11-02", "--to", "2026-11-22", "--territory", ids.province, "--by", "sex"});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  // Overdue depends on "now", which the CLI takes from the system clock: compare the rest.
  auto printed = bj::parse(cli.output).as_object();
  EXPECT_EQ(printed.at("weekly"), api.at("weekly"));
  EXPECT_EQ(printed.at("territories"), api.at("territories"));
  EXPECT_EQ(category(printed, "shelter").at("demand"), category(api, "shelter").at("demand"));
  auto csv = enlace::test::run_command({ServerProcess::binary(), "stats", "gaps", "--db", server->db_path(), "--csv"});
  EXPECT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("from,to,section,", 0), 0u);
  auto bad = enlace::test::run_command({ServerProcess::binary(), "stats", "gaps", "--db", server->db_path(), "--by", "x"});
  EXPECT_EQ(bad.exit_code, 2);
}
