// Keeping a case current (API.md, Daily work): needs have ids and a status; PATCH replaces the
// list by id, a need left out stays as withdrawn, never deleted; the gap report still counts
// met and withdrawn needs as demand and no longer as unmet. Over HTTP against the real server.
#include "case_network.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using enlace::test::CaseNetwork;
namespace json = boost::json;

namespace {

class CaseNeedsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new CaseNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static CaseNetwork* net;
  enlace::test::ServerProcess& server() { return net->server; }

  // A new case with a shelter and a health need; returns its id.
  std::string case_with_needs(const std::string& given) {
    json::object body{{"person", CaseNetwork::person(given, "Needs")},
                      {"territory_id", "t-legazpi"},
                      {"needs", {{{"category", "shelter"}, {"urgency", "high"}, {"note", "two children"}},
                                 {{"category", "health"}, {"urgency", "normal"}}}}};
    auto r = server().post("/api/v1/cases", body, net->cw);
    if (r.status != 201) throw std::runtime_error("create failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  }

  // The case's needs by category.
  std::map<std::string, json::object> needs_of(const std::string& id) {
    std::map<std::string, json::object> out;
    auto c = server().get("/api/v1/cases/" + id, net->cw).json();
    for (const auto& n : c.at("needs").as_array())
      out[std::string(n.at("category").as_string())] = n.as_object();
    return out;
  }
  std::string version_of(const std::string& id) {
    return "\"" + std::to_string(server().get("/api/v1/cases/" + id, net->cw).json().at("version").as_int64()) + "\"";
  }
};
CaseNetwork* CaseNeedsTest::net = nullptr;

std::set<std::string> fields_of(const enlace::test::HttpResponse& r) {
  std::set<std::string> out;
  auto body = r.json();
  if (!body.as_object().contains("errors")) return out;
  for (const auto& e : body.at("errors").as_array()) out.insert(std::string(e.at("field").as_string()));
  return out;
}

}  // namespace

TEST_F(CaseNeedsTest, NeedsHaveIdsAndStartOpen) {
  auto needs = needs_of(case_with_needs("Ida"));
  ASSERT_EQ(needs.size(), 2u);
  for (const auto& [category, n] : needs) {
    EXPECT_EQ(n.at("status"), "open") << category;
    EXPECT_EQ(n.at("id").as_string().size(), 36u) << "a UUID: " << n.at("id");
  }
  EXPECT_NE(needs["shelter"].at("id"), needs["health"].at("id"));
}

TEST_F(CaseNeedsTest, PatchUpdatesByIdAddsNewAndKeepsTheLeftOutAsWithdrawn) {
  std::string id = case_with_needs("Paz");
  auto before = needs_of(id);
  json::array needs{{{"id", before["shelter"].at("id")}, {"status", "met"}},
                    {{"category", "food"}, {"urgency", "normal"}, {"note", "baby formula"}}};
  auto r = server().patch("/api/v1/cases/" + id, {{"needs", needs}}, net->cw, version_of(id));
  ASSERT_EQ(r.status, 200) << r.body;
  auto after = needs_of(id);
  ASSERT_EQ(after.size(), 3u) << "nothing is deleted";
  EXPECT_EQ(after["shelter"].at("id"), before["shelter"].at("id"));
  EXPECT_EQ(after["shelter"].at("status"), "met");
  EXPECT_EQ(after["shelter"].at("note"), "two children") << "what the entry leaves out is kept";
  EXPECT_EQ(after["shelter"].at("urgency"), "high");
  EXPECT_EQ(after["health"].at("id"), before["health"].at("id"));
  EXPECT_EQ(after["health"].at("status"), "withdrawn");
  EXPECT_EQ(after["food"].at("status"), "open");
  EXPECT_EQ(after["food"].at("id").as_string().size(), 36u);

  // A withdrawn need comes back by its id.
  auto reopen = server().patch("/api/v1/cases/" + id,
                               {{"needs", {{{"id", after["shelter"].at("id")}},
                                           {{"id", after["health"].at("id")}, {"status", "open"}},
                                           {{"id", after["food"].at("id")}}}}},
                               net->cw, version_of(id));
  ASSERT_EQ(reopen.status, 200) << reopen.body;
  EXPECT_EQ(needs_of(id)["health"].at("status"), "open");
  EXPECT_EQ(needs_of(id)["shelter"].at("status"), "met");
}

TEST_F(CaseNeedsTest, BadNeedEditsNameTheFieldAndChangeNothing) {
  std::string id = case_with_needs("Rui");
  auto before = needs_of(id);
  const std::string v = version_of(id);
  auto r = server().patch("/api/v1/cases/" + id,
                          {{"needs", {{{"id", "7a1f0000-0000-4000-8000-000000000000"}},
                                      {{"category", "health"}, {"urgency", "high"}},
                                      {{"id", before["health"].at("id")}, {"category", "food"}}}}},
                          net->cw, v);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(fields_of(r), (std::set<std::string>{"needs[0].id", "needs[1].category", "needs[2].category"}));
  // Errors name the client's positions, also those found once the list is merged.
  auto words = server().patch("/api/v1/cases/" + id,
                              {{"needs", {{{"category", "food"}, {"urgency", "normal"}},
                                          {{"id", before["shelter"].at("id")}, {"status", "done"}},
                                          {{"category", "education"}}}}},
                              net->cw, v);
  EXPECT_EQ(words.status, 422) << words.body;
  EXPECT_EQ(fields_of(words), (std::set<std::string>{"needs[1].status", "needs[2].urgency"}));
  EXPECT_EQ(version_of(id), v) << "bad input changes nothing";
  EXPECT_EQ(needs_of(id)["health"].at("status"), "open");
}

TEST_F(CaseNeedsTest, ANewCaseCannotChooseNeedIds) {
  json::object body{{"person", CaseNetwork::person("Eva", "Needs")},
                    {"territory_id", "t-legazpi"},
                    {"needs", {{{"id", "mine"}, {"category", "shelter"}, {"urgency", "high"}}}}};
  auto r = server().post("/api/v1/cases", body, net->cw);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(fields_of(r), (std::set<std::string>{"needs[0].id"}));
}

TEST_F(CaseNeedsTest, GapReportCountsMetNeedsAsDemandButNotAsUnmet) {
  // The only education need in the network: demand "<5", unmet "<5", then unmet 0 once met.
  json::object body{{"person", CaseNetwork::person("Noa", "Needs")},
                    {"territory_id", "t-legazpi"},
                    {"needs", {{{"category", "education"}, {"urgency", "normal"}}}}};
  auto created = server().post("/api/v1/cases", body, net->cw);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(created.json().at("id").as_string());
  auto education = [&] {
    auto report = server().get("/api/v1/stats/gaps?category=education", net->coordinator).json();
    for (const auto& c : report.at("categories").as_array())
      if (c.at("category") == "education") return c.as_object();
    return json::object{};
  };
  ASSERT_FALSE(education().empty());
  EXPECT_EQ(education().at("unmet"), "<5");
  auto need_id = needs_of(id)["education"].at("id");
  auto r = server().patch("/api/v1/cases/" + id, {{"needs", {{{"id", need_id}, {"status", "met"}}}}},
                          net->cw, version_of(id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(education().at("demand"), "<5");
  EXPECT_EQ(education().at("unmet"), 0);
}
