// Mobile units and their office (API.md, Daily work: shares_cases_with_parent): the
// caseworkers of a unit's direct parent work the unit's cases as their own, name search
// included (blind indexes are keyed per organisation); the unit does not see the parent's
// cases; a sibling without the flag is not shared; org_admins still see no case; turning the
// flag off ends the access. Real server with a field key.
#include "keyed_server.hpp"

using enlace::test::HttpResponse;
using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

class CaseSharingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new enlace::test::TempDir();
    s_ = enlace::test::keyed_server(*keys_, 'd').release();
    const auto db = s_->db_path();
    enlace::test::insert_territory(db, "t-1", "Quito");
    enlace::test::insert_organization(db, "o-office", "Human Mobility Office", "t-1", "municipal_office");
    enlace::test::insert_organization(db, "o-unit", "Mobile unit north", "t-1");
    enlace::test::insert_organization(db, "o-sibling", "Mobile unit south", "t-1");
    enlace::test::insert_organization(db, "o-shelter", "Shelter", "t-1", "civil_society");
    s_->add_user("root", {"system_admin"});
    office_id_ = s_->add_user("office", {"caseworker"}, "o-office");
    s_->add_user("office.admin", {"org_admin"}, "o-office");
    s_->add_user("unit", {"caseworker"}, "o-unit");
    s_->add_user("sibling", {"caseworker"}, "o-sibling");
    root_ = s_->login("root");
    office_ = s_->login("office");
    office_admin_ = s_->login("office.admin");
    unit_ = s_->login("unit");
    sibling_ = s_->login("sibling");
    // Through the API, as a system admin sets up a unit.
    ASSERT_EQ(set_org("o-unit", {{"parent_id", "o-office"}, {"shares_cases_with_parent", true}}).status, 200);
    ASSERT_EQ(set_org("o-sibling", {{"parent_id", "o-office"}}).status, 200);
  }
  static void TearDownTestSuite() {
    delete s_;
    delete keys_;
  }

  static HttpResponse set_org(const std::string& id, json::object body) {
    auto v = s_->get("/api/v1/organizations/" + id, root_).json().at("version").as_int64();
    return s_->patch("/api/v1/organizations/" + id, body, root_, std::to_string(v));
  }
  static std::string new_case(const std::string& token, const std::string& given,
                              const std::string& family) {
    json::object person{{"given_name", given}, {"family_name", family}, {"sex", "female"},
                        {"nationality", "VE"}, {"birth_date", "1991-03-04"}};
    auto r = s_->post("/api/v1/cases", {{"person", person}, {"territory_id", "t-1"}}, token);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  }
  static std::vector<std::string> listed(const std::string& target, const std::string& token) {
    return enlace::test::listed_ids(*s_, target, token);
  }
  static bool contains(const std::vector<std::string>& v, const std::string& id) {
    return enlace::test::lists(v, id);
  }

  static enlace::test::TempDir* keys_;
  static ServerProcess* s_;
  static std::string office_id_, root_, office_, office_admin_, unit_, sibling_;
};
enlace::test::TempDir* CaseSharingTest::keys_ = nullptr;
ServerProcess* CaseSharingTest::s_ = nullptr;
std::string CaseSharingTest::office_id_, CaseSharingTest::root_, CaseSharingTest::office_,
    CaseSharingTest::office_admin_, CaseSharingTest::unit_, CaseSharingTest::sibling_;

}  // namespace

TEST_F(CaseSharingTest, TheOrganisationShowsTheFlag) {
  auto r = s_->get("/api/v1/organizations/o-unit", unit_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("shares_cases_with_parent"), true);
  EXPECT_EQ(s_->get("/api/v1/organizations/o-sibling", unit_).json().at("shares_cases_with_parent"), false);
}

TEST_F(CaseSharingTest, SharingNeedsAParent) {
  auto r = set_org("o-shelter", {{"shares_cases_with_parent", true}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("shares_cases_with_parent"), std::string::npos);
  EXPECT_EQ(s_->get("/api/v1/organizations/o-shelter", root_).json().at("shares_cases_with_parent"), false);
}

TEST_F(CaseSharingTest, TheParentsCaseworkerListsReadsEditsAndRefersAUnitsCase) {
  auto id = new_case(unit_, "Yolanda", "Ticona Huaman");
  EXPECT_TRUE(contains(listed("/api/v1/cases", office_), id));
  // Name search works across the office's own and the unit's blind indexes.
  EXPECT_TRUE(contains(listed("/api/v1/cases?q=ticona", office_), id));
  EXPECT_TRUE(contains(listed("/api/v1/cases?q=yol%20huam", office_), id));

  auto read = s_->get("/api/v1/cases/" + id, office_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("organization_id"), "o-unit") << "the case stays the unit's";
  auto version = std::to_string(read.json().at("version").as_int64());
  auto edit = s_->patch("/api/v1/cases/" + id, {{"notes", "Seen at the office."}}, office_, version);
  ASSERT_EQ(edit.status, 200) << edit.body;

  auto consent = s_->post("/api/v1/cases/" + id + "/consents",
                          {{"method", "verbal"}, {"categories", {"shelter"}}, {"organizations", {"o-shelter"}}},
                          office_);
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto ref = s_->post("/api/v1/referrals",
                      {{"case_id", id}, {"to_organization_id", "o-shelter"}, {"category", "shelter"},
                       {"urgency", "high"}, {"reason", "Needs a bed tonight."},
                       {"shared_fields", {"given_name", "family_name"}}, {"status", "requested"}},
                      office_);
  ASSERT_EQ(ref.status, 201) << ref.body;
  // The disclosures report is the case's: the office sees it too.
  EXPECT_EQ(s_->get("/api/v1/cases/" + id + "/disclosures", office_).status, 200);

  // The audit names who acted: the office's caseworker, from the office.
  const auto db = s_->db_path();
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM audit_event WHERE action = 'case.update'"
                                        " AND entity_id = '" + id + "' AND actor_user = '" + office_id_ +
                                        "' AND organization = 'o-office'"), 1);
  EXPECT_EQ(enlace::test::query_int(db, "SELECT count(*) FROM audit_event WHERE action = 'case.read'"
                                        " AND entity_id = '" + id + "' AND actor_user = '" + office_id_ + "'"), 1);
}

TEST_F(CaseSharingTest, APersonTheUnitHasIsAPossibleDuplicateAtTheOfficeNotKnownElsewhere) {
  auto id = new_case(unit_, "Wendy", "Calle Apaza");
  json::object person{{"given_name", "WENDY"}, {"family_name", "calle apaza"}, {"sex", "female"},
                      {"nationality", "VE"}, {"birth_date", "1991-03-04"}};
  auto r = s_->post("/api/v1/cases", {{"person", person}, {"territory_id", "t-1"}}, office_);
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = r.json().as_object();
  ASSERT_TRUE(body.contains("warnings")) << r.body;
  bool duplicate = false, elsewhere = false;
  const auto& warnings = body.at("warnings").as_array();
  for (const auto& w : warnings) {
    if (w.at("code") == "possible_duplicate" && w.at("case_id").as_string() == id) duplicate = true;
    if (w.at("code") == "known_elsewhere") elsewhere = true;
  }
  EXPECT_TRUE(duplicate) << r.body;
  EXPECT_FALSE(elsewhere) << r.body;
}

TEST_F(CaseSharingTest, TheUnitDoesNotSeeTheParentsCases) {
  auto id = new_case(office_, "Marlene", "Choque Rojas");
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, unit_).status, 404);
  EXPECT_FALSE(contains(listed("/api/v1/cases", unit_), id));
  EXPECT_FALSE(contains(listed("/api/v1/cases?q=choque", unit_), id));
}

TEST_F(CaseSharingTest, ASiblingUnitWithoutTheFlagIsNotShared) {
  auto id = new_case(sibling_, "Doris", "Mendoza Lima");
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, office_).status, 404);
  EXPECT_FALSE(contains(listed("/api/v1/cases", office_), id));
  EXPECT_FALSE(contains(listed("/api/v1/cases?q=mendoza", office_), id));
  // Nor does a sharing unit see its sibling's.
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, unit_).status, 404);
}

TEST_F(CaseSharingTest, TheParentsOrgAdminStillSeesNoCase) {
  auto id = new_case(unit_, "Nelly", "Quispe Mamani");
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, office_admin_).status, 403);
  EXPECT_EQ(s_->get("/api/v1/cases", office_admin_).status, 403);
}

TEST_F(CaseSharingTest, TurningTheFlagOffEndsTheParentsAccess) {
  auto id = new_case(unit_, "Olga", "Vargas Cruz");
  ASSERT_EQ(s_->get("/api/v1/cases/" + id, office_).status, 200);
  ASSERT_EQ(set_org("o-unit", {{"shares_cases_with_parent", false}}).status, 200);
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, office_).status, 404);
  EXPECT_FALSE(contains(listed("/api/v1/cases", office_), id));
  EXPECT_FALSE(contains(listed("/api/v1/cases?q=vargas", office_), id));
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, unit_).status, 200) << "the unit keeps its case";
  // Leave the suite's network as it was.
  ASSERT_EQ(set_org("o-unit", {{"shares_cases_with_parent", true}}).status, 200);
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, office_).status, 200);
}
