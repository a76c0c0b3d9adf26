// Cases over HTTP against the real server: registration, validation, duplicates, search,
// filters, pagination, edits with If-Match, closing, scoping and the audit trail of reads.
#include "case_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using enlace::test::CaseNetwork;
using enlace::test::count_audit;
namespace json = boost::json;

namespace {

class CasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new CaseNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static CaseNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }
};
CaseNetwork* CasesTest::net = nullptr;

std::set<std::string> fields_of(const enlace::test::HttpResponse& r) {
  std::set<std::string> out;
  auto body = r.json();  // named: a range-for over a temporary's member would dangle
  if (!body.as_object().contains("errors")) return out;
  for (const auto& e : body.at("errors").as_array())
    out.insert(std::string(e.at("field").as_string()));
  return out;
}

std::vector<std::string> ids_of(const enlace::test::HttpResponse& r) {
  std::vector<std::string> out;
  auto body = r.json();
  for (const auto& c : body.at("items").as_array())
    out.emplace_back(c.at("id").as_string());
  return out;
}

}  // namespace

TEST_F(CasesTest, CreateWithAllFieldsAnswers201WithTheCase) {
  json::object body{
      {"person",
       {{"given_name", "María José"},
        {"family_name", "Pérez"},
        {"birth_date", "1988-02-29"},
        {"sex", "female"},
        {"nationality", "VE"},
        {"languages", {"es", "en"}},
        {"migratory_status", "asylum_seeker"},
        {"phone", "+63 917 555 0100"}}},
      {"territory_id", "t-legazpi"},
      {"specific_needs", {"pregnancy", "chronic_illness"}},
      {"needs",
       {{{"category", "shelter"}, {"urgency", "emergency"}, {"note", "two children"}},
        {{"category", "health"}, {"urgency", "high"}, {"note", ""}}}},
      {"notes", "Arrived by bus."}};
  auto r = server().post("/api/v1/cases", body, net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = r.json().as_object();
  std::string id(c.at("id").as_string());
  EXPECT_EQ(r.header("location"), "/api/v1/cases/" + id);
  EXPECT_EQ(r.header("etag"), "\"1\"");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(c.at("organization_id"), "o-desk");
  EXPECT_EQ(c.at("territory_id"), "t-legazpi");
  EXPECT_EQ(c.at("status"), "open");
  const auto& p = c.at("person").as_object();
  EXPECT_EQ(p.at("given_name"), "María José");
  EXPECT_EQ(p.at("family_name"), "Pérez");
  EXPECT_EQ(p.at("birth_date"), "1988-02-29");
  EXPECT_TRUE(p.at("estimated_age").is_null());
  EXPECT_EQ(p.at("sex"), "female");
  EXPECT_EQ(p.at("nationality"), "VE");
  EXPECT_EQ(p.at("languages"), (json::array{"es", "en"}));
  EXPECT_EQ(p.at("migratory_status"), "asylum_seeker");
  EXPECT_EQ(p.at("phone"), "+63 917 555 0100");
  EXPECT_EQ(c.at("specific_needs"), (json::array{"pregnancy", "chronic_illness"}));
  ASSERT_EQ(c.at("needs").as_array().size(), 2u);
  EXPECT_EQ(c.at("notes"), "Arrived by bus.");
  EXPECT_EQ(c.at("household"), json::array{});
  EXPECT_EQ(c.at("consents"), json::array{});
  EXPECT_EQ(c.at("created_at"), "2026-11-24T12:00:00Z");
  EXPECT_TRUE(c.at("closed_at").is_null());
  EXPECT_EQ(c.at("version"), 1);
  EXPECT_FALSE(c.contains("warnings"));

  auto got = server().get("/api/v1/cases/" + id, net->cw);
  ASSERT_EQ(got.status, 200);
  auto again = got.json().as_object();
  again.erase("warnings");
  EXPECT_EQ(again, c);
}

TEST_F(CasesTest, EveryValidationErrorNamesItsFieldAndChangesNothing) {
  int before = net->list_count();
  json::object body{
      {"person",
       {{"given_name", "  "},
        {"birth_date", "2030-01-01"},
        {"sex", "f"},
        {"nationality", "ve"},
        {"languages", {"spa"}},
        {"migratory_status", "tourist"},
        {"phone", "call me"}}},
      {"territory_id", "t-legazpi"},
      {"specific_needs", {"pregnant"}},
      {"needs",
       {{{"category", "shelter"}, {"urgency", "soon"}},
        {{"category", "spaceship"}, {"urgency", "high"}}}}};
  auto r = server().post("/api/v1/cases", body, net->cw);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(fields_of(r), (std::set<std::string>{
                              "person.given_name", "person.birth_date", "person.sex",
                              "person.nationality", "person.languages[0]",
                              "person.migratory_status", "person.phone", "specific_needs[0]",
                              "needs[0].urgency", "needs[1].category"}));
  EXPECT_EQ(r.body.find("call me"), std::string::npos) << "details never repeat input";

  auto both = CaseNetwork::person("Ana", "Ruiz");
  both["estimated_age"] = 30;
  auto r2 = server().post("/api/v1/cases", {{"person", both}, {"territory_id", "t-legazpi"}}, net->cw);
  EXPECT_EQ(fields_of(r2), std::set<std::string>{"person.birth_date"});

  auto r3 = server().post(
      "/api/v1/cases", {{"person", CaseNetwork::person("Ana", "Ruiz")}, {"territory_id", "nowhere"}},
      net->cw);
  EXPECT_EQ(r3.status, 422);
  EXPECT_EQ(fields_of(r3), std::set<std::string>{"territory_id"});

  auto r4 = server().post("/api/v1/cases",
                          {{"person", CaseNetwork::person("Ana", "Ruiz")},
                           {"territory_id", "t-legazpi"},
                           {"colour", "blue"}},
                          net->cw);
  EXPECT_EQ(fields_of(r4), std::set<std::string>{"colour"});
  auto r5 = server().post("/api/v1/cases", {{"territory_id", "t-legazpi"}}, net->cw);
  EXPECT_EQ(fields_of(r5), std::set<std::string>{"person"});
  EXPECT_EQ(net->list_count(), before);
}

TEST_F(CasesTest, PossibleDuplicateIsWarnedWithinTheOrganisationOnly) {
  std::string first = net->create("Rosa Elena", "Quispe");
  auto r = server().post(
      "/api/v1/cases",
      {{"person", CaseNetwork::person("ROSA ELENA", "Quíspe")}, {"territory_id", "t-legazpi"}},
      net->cw);
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = r.json();
  const auto& warnings = body.at("warnings").as_array();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].at("code"), "possible_duplicate");
  EXPECT_EQ(warnings[0].at("case_id").as_string(), first);

  auto other_org = server().post(
      "/api/v1/cases",
      {{"person", CaseNetwork::person("Rosa Elena", "Quispe")}, {"territory_id", "t-legazpi"}},
      net->cw_other);
  ASSERT_EQ(other_org.status, 201);
  EXPECT_FALSE(other_org.json().as_object().contains("warnings"));

  auto older = server().post("/api/v1/cases",
                             {{"person", CaseNetwork::person("Rosa Elena", "Quispe", "1970-01-01")},
                              {"territory_id", "t-legazpi"}},
                             net->cw);
  EXPECT_FALSE(older.json().as_object().contains("warnings")) << "another birth date";
}

TEST_F(CasesTest, SearchIgnoresAccentsAndCaseAndMatchesWordPrefixes) {
  std::string jose = net->create("José", "Muñoz Ávila");
  std::string munoz = net->create("Carmen", "Munoz");
  net->create("Josefina", "Torres", net->cw_other);  // another organisation's: never found
  auto find = [&](const std::string& q) {
    return ids_of(server().get("/api/v1/cases?limit=500&q=" + q, net->cw));
  };
  EXPECT_EQ(find("jose%20avila"), std::vector<std::string>({jose}));
  EXPECT_EQ(find("JOS%C3%89%20mu%C3%91OZ"), std::vector<std::string>({jose}));
  std::vector<std::string> both{jose, munoz};
  std::sort(both.begin(), both.end());  // lists are ordered by id
  EXPECT_EQ(find("mu%C3%B1oz"), both);
  EXPECT_EQ(find("avi"), std::vector<std::string>({jose}));
  EXPECT_EQ(find("carmen%20mun"), std::vector<std::string>({munoz}));
  EXPECT_EQ(find("zzzz"), std::vector<std::string>{});
  EXPECT_EQ(find("%22*%28"), std::vector<std::string>{}) << "FTS syntax is never passed through";
}

TEST_F(CasesTest, StatusFilterAndCursorPagination) {
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) made.push_back(net->create("Paged", "Person" + std::to_string(i)));
  // Lists are ordered by id; ids made within one millisecond (the test clock stands still)
  // are not in creation order.
  std::sort(made.begin(), made.end());
  auto closed = server().post("/api/v1/cases/" + made[1] + "/close", {{"reason", "moved on"}}, net->cw);
  ASSERT_EQ(closed.status, 200) << closed.body;

  std::vector<std::string> seen;
  std::string target = "/api/v1/cases?q=paged&limit=2";
  for (int pages = 0; pages < 5; ++pages) {
    auto r = server().get(target, net->cw);
    ASSERT_EQ(r.status, 200) << r.body;
    for (auto& id : ids_of(r)) seen.push_back(id);
    auto next = r.json().at("next_cursor");
    if (next.is_null()) break;
    target = "/api/v1/cases?q=paged&limit=2&cursor=" + std::string(next.as_string());
  }
  EXPECT_EQ(seen, made);
  auto open = ids_of(server().get("/api/v1/cases?q=paged&status=open", net->cw));
  EXPECT_EQ(open, (std::vector<std::string>{made[0], made[2], made[3], made[4]}));
  auto shut = ids_of(server().get("/api/v1/cases?q=paged&status=closed", net->cw));
  EXPECT_EQ(shut, std::vector<std::string>{made[1]});
  EXPECT_EQ(server().get("/api/v1/cases?status=pending", net->cw).status, 422);
  EXPECT_EQ(server().get("/api/v1/cases?cursor=nonsense!", net->cw).status, 422);
  EXPECT_EQ(server().get("/api/v1/cases?limit=501", net->cw).status, 422);
}

TEST_F(CasesTest, PatchNeedsCurrentIfMatch) {
  std::string id = net->create("Luis", "Gómez");
  std::string url = "/api/v1/cases/" + id;
  json::object edit{{"person", {{"phone", "0917 555 0101"}, {"estimated_age", 40}}},
                    {"needs", {{{"category", "legal_aid"}, {"urgency", "normal"}}}},
                    {"notes", "Needs a lawyer."}};
  EXPECT_EQ(server().patch(url, edit, net->cw).status, 428);
  EXPECT_EQ(server().patch(url, edit, net->cw, "\"7\"").status, 412);
  auto ok = server().patch(url, edit, net->cw, "\"1\"");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("etag"), "\"2\"");
  auto c = ok.json().as_object();
  EXPECT_EQ(c.at("version"), 2);
  EXPECT_EQ(c.at("person").at("given_name"), "Luis");
  EXPECT_EQ(c.at("person").at("phone"), "0917 555 0101");
  EXPECT_TRUE(c.at("person").at("birth_date").is_null());
  EXPECT_EQ(c.at("person").at("estimated_age"), 40);
  EXPECT_EQ(c.at("needs").as_array().size(), 1u);
  EXPECT_EQ(c.at("notes"), "Needs a lawyer.");
  EXPECT_EQ(server().patch(url, edit, net->cw, "\"1\"").status, 412) << "now stale";

  auto bad = server().patch(url, {{"person", {{"sex", "x"}}}, {"needs", {{{"urgency", "high"}}}}},
                            net->cw, "\"2\"");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(fields_of(bad), (std::set<std::string>{"person.sex", "needs[0].category"}));
  auto after = server().get(url, net->cw).json().as_object();
  EXPECT_EQ(after.at("version"), 2) << "bad input changes nothing";
  EXPECT_EQ(after.at("person").at("sex"), "female");
}

TEST_F(CasesTest, ClosingTwiceIsAConflictAndAClosedCaseIsNotEdited) {
  std::string id = net->create("Closing", "Twice");
  std::string url = "/api/v1/cases/" + id;
  auto no_reason = server().post(url + "/close", json::object{}, net->cw);
  EXPECT_EQ(no_reason.status, 422);
  auto first = server().post(url + "/close", {{"reason", "resettled"}}, net->cw);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json().at("status"), "closed");
  EXPECT_EQ(first.json().at("closed_at"), "2026-11-24T12:00:00Z");
  auto second = server().post(url + "/close", {{"reason", "again"}}, net->cw);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.json().at("type"), "/problems/case-closed");
  EXPECT_EQ(server().patch(url, {{"notes", "x"}}, net->cw, "\"2\"").status, 409);
}

TEST_F(CasesTest, AnotherOrganisationGets404ForEveryCaseUrl) {
  std::string id = net->create("Hidden", "Person");
  std::string url = "/api/v1/cases/" + id;
  const std::string& t = net->cw_other;
  EXPECT_EQ(server().get(url, t).status, 404);
  EXPECT_EQ(server().patch(url, {{"notes", "x"}}, t, "\"1\"").status, 404);
  EXPECT_EQ(server().post(url + "/close", {{"reason", "x"}}, t).status, 404);
  EXPECT_EQ(server().post(url + "/consents",
                          {{"method", "verbal"}, {"categories", json::array{}},
                           {"organizations", json::array{}}},
                          t)
                .status,
            404);
  EXPECT_EQ(server().post(url + "/consents/k1/withdraw", json::object{}, t).status, 404);
  EXPECT_EQ(server().post(url + "/household", {{"case_id", id}, {"relation", "son"}}, t).status,
            404);
  EXPECT_TRUE(ids_of(server().get("/api/v1/cases?q=hidden", t)).empty());
  EXPECT_EQ(server().get("/api/v1/cases/no-such-case", net->cw).status, 404);
  EXPECT_GE(count_audit(server().db_path(), "case.read", id, "not_found"), 1);
  auto unchanged = server().get(url, net->cw).json();
  EXPECT_EQ(unchanged.at("version"), 1);
}

TEST_F(CasesTest, OnlyCaseworkersWorkWithCases) {
  std::string id = net->create("Role", "Check");
  std::string url = "/api/v1/cases/" + id;
  for (const std::string* token : {&net->partner, &net->coordinator, &net->root}) {
    EXPECT_EQ(server().get("/api/v1/cases", *token).status, 403);
    EXPECT_EQ(server().get(url, *token).status, 403);
    EXPECT_EQ(server().post("/api/v1/cases",
                            {{"person", CaseNetwork::person("A", "B")}, {"territory_id", "t-legazpi"}},
                            *token)
                  .status,
              403);
    EXPECT_EQ(server().patch(url, {{"notes", "x"}}, *token, "\"1\"").status, 403);
    EXPECT_EQ(server().post(url + "/close", {{"reason", "x"}}, *token).status, 403);
  }
  EXPECT_EQ(server().get("/api/v1/cases").status, 401);
  EXPECT_GE(count_audit(server().db_path(), "case.read", id, "denied"), 3);
}

TEST_F(CasesTest, EveryReadLeavesAnAuditEvent) {
  std::string id = net->create("Audited", "Reader");
  const auto& db = server().db_path();
  EXPECT_EQ(count_audit(db, "case.create", id, "ok"), 1);
  int reads = count_audit(db, "case.read", id, "ok");
  ASSERT_EQ(server().get("/api/v1/cases/" + id, net->cw).status, 200);
  EXPECT_EQ(count_audit(db, "case.read", id, "ok"), reads + 1);
  int listed = count_audit(db, "case.list", id, "ok");
  ASSERT_EQ(server().get("/api/v1/cases?q=audited", net->cw).status, 200);
  EXPECT_EQ(count_audit(db, "case.list", id, "ok"), listed + 1);
}

TEST_F(CasesTest, HouseholdLinksShowOnBothCases) {
  std::string mother = net->create("Madre", "Familia");
  std::string son = net->create("Hijo", "Familia");
  auto r = server().post("/api/v1/cases/" + son + "/household",
                         {{"case_id", mother}, {"relation", "mother"}}, net->cw);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("household"), (json::array{{{"case_id", mother}, {"relation", "mother"}}}));
  auto m = server().get("/api/v1/cases/" + mother, net->cw).json();
  EXPECT_EQ(m.at("household").as_array().size(), 1u);
  std::string stranger = net->create("Otra", "Familia", net->cw_other);
  auto cross = server().post("/api/v1/cases/" + son + "/household",
                             {{"case_id", stranger}, {"relation", "aunt"}}, net->cw);
  EXPECT_EQ(cross.status, 422);
}
