// What the directory's changes leave in the audit log and answer when refused (API.md,
// Directory and administration; docs/ARCHITECTURE.md, the directory through its use cases):
// each change one "ok" event naming its entity and who made it; each refusal its problem
// reply and no event at all (the directory is not personal data) and no change.
#include "support/fixtures.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

class DirectoryAudit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ = new ServerProcess();
    s_->set_now("2026-12-01T10:00:00Z");
    const auto db = s_->db_path();
    enlace::test::insert_territory(db, "t-1", "Legazpi");
    enlace::test::insert_organization(db, "o-own", "Diocese shelter", "t-1", "faith_based");
    enlace::test::insert_organization(db, "o-other", "City desk", "t-1");
    enlace::test::insert_service(db, {"s-own", "o-own", "shelter", {"t-1"}});
    sys_id_ = s_->add_user("sys", {"system_admin"});
    own_admin_id_ = s_->add_user("own.admin", {"org_admin"}, "o-own");
    s_->add_user("other.admin", {"org_admin"}, "o-other");
    coord_id_ = s_->add_user("coord", {"coordinator"}, "o-other");
    s_->add_user("worker", {"caseworker"}, "o-own");
    sys_ = s_->login("sys");
    own_admin_ = s_->login("own.admin");
    other_admin_ = s_->login("other.admin");
    coord_ = s_->login("coord");
    worker_ = s_->login("worker");
  }
  static void TearDownTestSuite() { delete s_; }
  void SetUp() override { s_->advance_minutes(1); }  // refills the rate limits

  // Events of `action` on `entity_id` with outcome ok, by `user`.
  static long long events(const std::string& action, const std::string& entity_id,
                          const std::string& user) {
    return enlace::test::query_int(
        s_->db_path(), "SELECT COUNT(*) FROM audit_event WHERE action = '" + action +
                           "' AND entity_id = '" + entity_id + "' AND outcome = 'ok'" +
                           " AND actor_user = '" + user + "'");
  }
  static long long directory_events() {
    return enlace::test::query_int(
        s_->db_path(),
        "SELECT COUNT(*) FROM audit_event WHERE action LIKE 'service.%' OR action LIKE "
        "'organization.%' OR action LIKE 'territory.%' OR action LIKE 'category.%'");
  }
  static json::object service_body() {
    return {{"category", "shelter"}, {"name", "Night shelter"}, {"languages", json::array{"en"}},
            {"territory_ids", json::array{"t-1"}}, {"status", "active"}, {"accepting", true}};
  }

  static ServerProcess* s_;
  static std::string sys_id_, own_admin_id_, coord_id_;
  static std::string sys_, own_admin_, other_admin_, coord_, worker_;
};
ServerProcess* DirectoryAudit::s_ = nullptr;
std::string DirectoryAudit::sys_id_, DirectoryAudit::own_admin_id_, DirectoryAudit::coord_id_;
std::string DirectoryAudit::sys_, DirectoryAudit::own_admin_, DirectoryAudit::other_admin_,
    DirectoryAudit::coord_, DirectoryAudit::worker_;

}  // namespace

TEST_F(DirectoryAudit, EachChangeLeavesOneEventNamingItsEntityAndWhoMadeIt) {
  auto territory = s_->post("/api/v1/territories",
                            {{"name", "Albay"}, {"level", "province"}, {"parent_id", nullptr}}, sys_);
  // A province needs a parent: refused, then made under a country.
  EXPECT_EQ(territory.status, 422) << territory.body;
  auto country = s_->post("/api/v1/territories", {{"name", "Philippines"}, {"level", "country"}}, sys_);
  ASSERT_EQ(country.status, 201) << country.body;
  const std::string country_id(country.json().at("id").as_string());
  EXPECT_EQ(events("territory.create", country_id, sys_id_), 1);

  auto org = s_->post("/api/v1/organizations",
                      {{"name", "Bicol legal clinic"}, {"kind", "civil_society"}, {"territory_id", "t-1"}},
                      sys_);
  ASSERT_EQ(org.status, 201) << org.body;
  const std::string org_id(org.json().at("id").as_string());
  EXPECT_EQ(events("organization.create", org_id, sys_id_), 1);
  auto org_patch = s_->patch("/api/v1/organizations/" + org_id, {{"phone", "+63 52 555 0100"}}, sys_, "\"1\"");
  ASSERT_EQ(org_patch.status, 200) << org_patch.body;
  EXPECT_EQ(org_patch.json().at("phone").as_string(), "+63 52 555 0100");
  EXPECT_EQ(org_patch.json().at("name").as_string(), "Bicol legal clinic");  // not sent: kept
  EXPECT_EQ(events("organization.update", org_id, sys_id_), 1);

  auto category = s_->post("/api/v1/categories", {{"code", "sign_language"}, {"name", " Sign language "}}, sys_);
  ASSERT_EQ(category.status, 201) << category.body;
  EXPECT_EQ(category.body, R"({"code":"sign_language","name":"Sign language"})");
  EXPECT_EQ(events("category.create", "sign_language", sys_id_), 1);

  auto service = s_->post("/api/v1/services", service_body(), own_admin_);
  ASSERT_EQ(service.status, 201) << service.body;
  const std::string service_id(service.json().at("id").as_string());
  EXPECT_EQ(service.json().at("organization_id").as_string(), "o-own");  // the caller's own
  EXPECT_EQ(events("service.create", service_id, own_admin_id_), 1);
  auto service_patch = s_->patch("/api/v1/services/" + service_id,
                                 {{"capacity", 3}, {"eligibility", "Families"}}, own_admin_, "\"1\"");
  ASSERT_EQ(service_patch.status, 200) << service_patch.body;
  EXPECT_EQ(service_patch.json().at("capacity_available").as_int64(), 3);
  EXPECT_EQ(service_patch.json().at("name").as_string(), "Night shelter");
  EXPECT_EQ(service_patch.headers.at("etag"), "\"2\"");
  EXPECT_EQ(events("service.update", service_id, own_admin_id_), 1);
  auto verified = s_->post("/api/v1/services/" + service_id + "/verify", json::object{}, coord_);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(events("service.verify", service_id, coord_id_), 1);
}

TEST_F(DirectoryAudit, RefusalsAnswerTheirProblemAndLeaveNoEventAndNoChange) {
  const auto before = directory_events();
  const auto own = s_->get("/api/v1/services/s-own", worker_).body;
  struct Refused {
    const char* what;
    enlace::test::HttpResponse reply;
    int status;
    const char* body;
  };
  auto with_org = service_body();
  with_org["organization_id"] = "o-other";
  auto nowhere = service_body();
  nowhere["territory_ids"] = json::array{"t-1", "t-none"};
  const std::vector<Refused> refused = {
      {"another organisation's listing",
       s_->patch("/api/v1/services/s-own", {{"name", "Mine now"}}, other_admin_, "\"1\""), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"You manage your own organisation's services only."})"},
      {"another organisation's listing, stale version too",
       s_->patch("/api/v1/services/s-own", {{"name", "Mine now"}}, other_admin_, "\"9\""), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"You manage your own organisation's services only."})"},
      {"a stale version", s_->patch("/api/v1/services/s-own", {{"name", "Late"}}, own_admin_, "\"9\""), 412,
       nullptr},
      {"an unknown listing", s_->patch("/api/v1/services/s-none", {{"name", "X"}}, own_admin_, "\"1\""), 404,
       nullptr},
      {"handing the listing over",
       s_->patch("/api/v1/services/s-own", {{"organization_id", "o-other"}}, own_admin_, "\"1\""), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"You manage your own organisation's services only."})"},
      {"places below zero, by the older name",
       s_->patch("/api/v1/services/s-own", {{"capacity", -1}}, own_admin_, "\"1\""), 422, nullptr},
      {"a listing for another organisation", s_->post("/api/v1/services", with_org, own_admin_), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"You manage your own organisation's services only."})"},
      {"a caseworker lists a service", s_->post("/api/v1/services", json::object{{"bad", 1}}, worker_), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"You are not allowed to do this."})"},
      {"an unknown territory", s_->post("/api/v1/services", nowhere, own_admin_), 422, nullptr},
      {"another organisation's admin verifies",
       s_->post("/api/v1/services/s-own/verify", json::object{}, other_admin_), 403,
       R"({"type":"/problems/forbidden","title":"Not allowed","status":403,"detail":"The owner's org_admin or a coordinator verifies a listing."})"},
      {"an org_admin adds an organisation",
       s_->post("/api/v1/organizations", {{"name", "X"}, {"kind", "help_desk"}, {"territory_id", "t-1"}},
                own_admin_),
       403, nullptr},
      {"a stale organisation", s_->patch("/api/v1/organizations/o-own", {{"name", "X"}}, sys_, "\"7\""), 412,
       nullptr},
      {"a bad category", s_->post("/api/v1/categories", {{"code", "Legal-Aid"}, {"name", " "}}, sys_), 422,
       nullptr},
      {"a taken category", s_->post("/api/v1/categories", {{"code", "shelter"}, {"name", "Shelter"}}, sys_),
       422, nullptr},
      {"a territory under an unknown parent",
       s_->post("/api/v1/territories", {{"name", "X"}, {"level", "district"}, {"parent_id", "t-none"}}, sys_),
       422, nullptr},
  };
  for (const auto& r : refused) {
    EXPECT_EQ(r.reply.status, r.status) << r.what << ": " << r.reply.body;
    EXPECT_EQ(r.reply.headers.at("content-type"), "application/problem+json") << r.what;
    if (r.body) {
      EXPECT_EQ(r.reply.body, r.body) << r.what;
    }
  }
  EXPECT_EQ(directory_events(), before);
  EXPECT_EQ(s_->get("/api/v1/services/s-own", worker_).body, own);
}

TEST_F(DirectoryAudit, FieldErrorsNameWhatTheClientSent) {
  auto older = s_->patch("/api/v1/services/s-own", {{"capacity", -1}}, own_admin_, "\"1\"");
  ASSERT_EQ(older.status, 422) << older.body;
  EXPECT_NE(older.body.find(R"("field":"capacity")"), std::string::npos) << older.body;
  auto newer = s_->patch("/api/v1/services/s-own", {{"capacity_available", -1}}, own_admin_, "\"1\"");
  ASSERT_EQ(newer.status, 422) << newer.body;
  EXPECT_NE(newer.body.find(R"("field":"capacity_available")"), std::string::npos) << newer.body;
  auto nowhere = service_body();
  nowhere["territory_ids"] = json::array{"t-1", "t-none"};
  auto unknown = s_->post("/api/v1/services", nowhere, own_admin_);
  EXPECT_NE(unknown.body.find(R"({"field":"territory_ids[1]","message":"does not exist"})"),
            std::string::npos) << unknown.body;
  auto category = s_->post("/api/v1/categories", {{"code", "Legal-Aid"}, {"name", " "}}, sys_);
  EXPECT_NE(category.body.find(R"("field":"code")"), std::string::npos) << category.body;
  EXPECT_NE(category.body.find(R"("field":"name")"), std::string::npos) << category.body;
}

TEST_F(DirectoryAudit, TheResponseStandardsChangeWithOneEventAndAreRefusedWithNone) {
  const std::string path = "/api/v1/settings/response-standards";
  const auto version = std::to_string(s_->get(path, worker_).json().at("version").as_int64());
  const auto before = events("settings.update", "response_standards", sys_id_);
  const json::object figures{{"hours", {{"emergency", 2}}}};
  auto denied = s_->put(path, figures, own_admin_, "\"" + version + "\"");
  EXPECT_EQ(denied.status, 403) << denied.body;
  auto stale = s_->put(path, figures, sys_, "\"99\"");
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto unknown = s_->put(path, {{"hours", {{"emergency", 2}}}, {"by_category", {{"dance", {{"high", 3}}}}}},
                         sys_, "\"" + version + "\"");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.body,
            R"({"type":"/problems/validation","title":"Invalid request","status":422,"detail":"The request has invalid fields.","errors":[{"field":"by_category.dance","message":"is not a known category"}]})");
  EXPECT_EQ(events("settings.update", "response_standards", sys_id_), before);

  auto saved = s_->put(path, figures, sys_, "\"" + version + "\"");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().at("hours").at("emergency").as_int64(), 2);
  EXPECT_EQ(events("settings.update", "response_standards", sys_id_), before + 1);
}
