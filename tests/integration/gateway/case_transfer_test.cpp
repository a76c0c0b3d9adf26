// POST /api/v1/cases/{id}/transfer (API.md, Daily work): a case moves to another
// organisation only under an active consent that names it with the scope case_transfer; the
// sender loses access (its sent referrals stay in its outbox); consents and history move; the
// case is found by name in its new organisation only (blind indexes are keyed per
// organisation); the audit keeps both sides; a stale version is 412. Real server with a key.
#include "keyed_server.hpp"

using enlace::test::HttpResponse;
using enlace::test::ServerProcess;
namespace json = boost::json;

namespace {

class CaseTransferTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys_ = new enlace::test::TempDir();
    s_ = enlace::test::keyed_server(*keys_, 'e').release();
    const auto db = s_->db_path();
    enlace::test::insert_territory(db, "t-1", "Ibarra");
    enlace::test::insert_organization(db, "o-a", "Help desk Ibarra", "t-1");
    enlace::test::insert_organization(db, "o-b", "Human Mobility Office", "t-1", "municipal_office");
    enlace::test::insert_organization(db, "o-c", "Shelter", "t-1", "civil_society");
    a_id_ = s_->add_user("a", {"caseworker"}, "o-a");
    s_->add_user("b", {"caseworker"}, "o-b");
    a_ = s_->login("a");
    b_ = s_->login("b");
  }
  static void TearDownTestSuite() {
    delete s_;
    delete keys_;
  }

  static std::string new_case(const std::string& given, const std::string& family) {
    json::object person{{"given_name", given}, {"family_name", family}, {"sex", "male"},
                        {"nationality", "CO"}, {"birth_date", "1988-07-01"}};
    auto r = s_->post("/api/v1/cases", {{"person", person}, {"territory_id", "t-1"}}, a_);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  }
  static std::string consent(const std::string& id, json::array categories, json::array orgs) {
    auto r = s_->post("/api/v1/cases/" + id + "/consents",
                      {{"method", "written"}, {"categories", categories}, {"organizations", orgs}}, a_);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  }
  static std::int64_t version(const std::string& id, const std::string& token) {
    return s_->get("/api/v1/cases/" + id, token).json().at("version").as_int64();
  }
  static HttpResponse transfer(const std::string& id, const std::string& to, std::int64_t v,
                               const std::string& token) {
    return s_->post("/api/v1/cases/" + id + "/transfer",
                    {{"to_organization_id", to}, {"reason", "Moved to the office's district."}}, token,
                    {{"If-Match", "\"" + std::to_string(v) + "\""}});
  }
  static std::vector<std::string> listed(const std::string& target, const std::string& token) {
    return enlace::test::listed_ids(*s_, target, token);
  }
  static bool contains(const std::vector<std::string>& v, const std::string& id) {
    return enlace::test::lists(v, id);
  }
  static long long count(const std::string& sql) {
    return enlace::test::query_int(s_->db_path(), sql);
  }

  static enlace::test::TempDir* keys_;
  static ServerProcess* s_;
  static std::string a_id_, a_, b_;
};
enlace::test::TempDir* CaseTransferTest::keys_ = nullptr;
ServerProcess* CaseTransferTest::s_ = nullptr;
std::string CaseTransferTest::a_id_, CaseTransferTest::a_, CaseTransferTest::b_;

}  // namespace

TEST_F(CaseTransferTest, ConsentsAcceptTheTransferScope) {
  auto id = new_case("Ramiro", "Benavides");
  auto r = s_->post("/api/v1/cases/" + id + "/consents",
                    {{"method", "verbal"}, {"categories", {"case_transfer"}}, {"organizations", {"o-b"}}}, a_);
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(CaseTransferTest, WithoutACoveringConsentNothingMoves) {
  auto id = new_case("Hernan", "Cuasquer");
  auto none = transfer(id, "o-b", version(id, a_), a_);
  EXPECT_EQ(none.status, 422) << none.body;
  EXPECT_NE(none.body.find("consent"), std::string::npos);
  // A consent for services, or for another organisation, does not cover a transfer.
  consent(id, {"shelter"}, {"o-b"});
  consent(id, {"case_transfer"}, {"o-c"});
  EXPECT_EQ(transfer(id, "o-b", version(id, a_), a_).status, 422);
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, a_).status, 200);
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, b_).status, 404);
}

TEST_F(CaseTransferTest, AWithdrawnConsentNoLongerCovers) {
  auto id = new_case("Segundo", "Tituaña");
  auto c = consent(id, {"case_transfer"}, {"o-b"});
  ASSERT_EQ(s_->post("/api/v1/cases/" + id + "/consents/" + c + "/withdraw", json::object{}, a_).status, 200);
  EXPECT_EQ(transfer(id, "o-b", version(id, a_), a_).status, 422);
}

TEST_F(CaseTransferTest, AStaleVersionIs412AndAnUnknownOrganisation422) {
  auto id = new_case("Patricio", "Chalacan");
  consent(id, {"case_transfer"}, {"o-b"});
  auto v = version(id, a_);
  EXPECT_EQ(transfer(id, "o-b", v + 1, a_).status, 412);
  auto unknown = transfer(id, "o-nowhere", v, a_);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("to_organization_id"), std::string::npos);
  EXPECT_EQ(transfer(id, "o-a", v, a_).status, 422) << "already the case's organisation";
  auto missing = s_->post("/api/v1/cases/" + id + "/transfer", {{"to_organization_id", "o-b"}}, a_,
                          {{"If-Match", "\"" + std::to_string(v) + "\""}});
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find("reason"), std::string::npos);
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, a_).status, 200);
}

TEST_F(CaseTransferTest, TheCaseMovesWithItsConsentsAndHistoryAndTheSenderLosesIt) {
  auto id = new_case("Wilmer", "Pozo Anrango");
  consent(id, {"case_transfer", "shelter"}, {"o-b", "o-c"});
  auto ref = s_->post("/api/v1/referrals",
                      {{"case_id", id}, {"to_organization_id", "o-c"}, {"category", "shelter"},
                       {"urgency", "normal"}, {"reason", "Needs a bed."},
                       {"shared_fields", {"given_name"}}, {"status", "requested"}},
                      a_);
  ASSERT_EQ(ref.status, 201) << ref.body;
  std::string ref_id(ref.json().at("id").as_string());
  ASSERT_TRUE(contains(listed("/api/v1/cases?q=pozo", a_), id));

  auto moved = transfer(id, "o-b", version(id, a_), a_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json(), json::parse(R"({"case_id":")" + id + R"(","organization_id":"o-b"})"));

  // The sender: no case, no name match, but its referral stays in its outbox.
  EXPECT_EQ(s_->get("/api/v1/cases/" + id, a_).status, 404);
  EXPECT_FALSE(contains(listed("/api/v1/cases", a_), id));
  EXPECT_FALSE(contains(listed("/api/v1/cases?q=pozo", a_), id));
  EXPECT_TRUE(contains(listed("/api/v1/referrals?box=outbox", a_), ref_id));

  // The receiver: the case with its consents, searchable by name under its own keys.
  auto got = s_->get("/api/v1/cases/" + id, b_);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json().at("organization_id"), "o-b");
  EXPECT_EQ(got.json().at("consents").as_array().size(), 1u);
  EXPECT_TRUE(contains(listed("/api/v1/cases?q=pozo", b_), id));
  EXPECT_TRUE(contains(listed("/api/v1/cases?q=wil%20anran", b_), id));

  // History moves: the access report shows the sender's referral and reads.
  auto report = s_->get("/api/v1/cases/" + id + "/disclosures", b_);
  ASSERT_EQ(report.status, 200) << report.body;
  auto body = report.json();
  EXPECT_EQ(body.at("referrals").as_array().size(), 1u);
  bool sender_read = false;
  const auto& reads = body.at("reads").as_array();
  for (const auto& x : reads)
    if (x.at("organization_id") == "o-a") sender_read = true;
  EXPECT_TRUE(sender_read) << report.body;

  // The audit keeps both sides.
  EXPECT_EQ(count("SELECT count(*) FROM audit_event WHERE action = 'case.transfer' AND entity_type = 'case'"
                  " AND entity_id = '" + id + "' AND organization = 'o-a' AND actor_user = '" + a_id_ + "'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_event WHERE action = 'case.transfer'"
                  " AND entity_type = 'organization' AND entity_id = 'o-b'"), 1);
  // The reason is sealed at rest.
  EXPECT_EQ(count("SELECT count(*) FROM case_transfer WHERE case_id = '" + id +
                  "' AND reason LIKE 'enc1:%' AND from_org = 'o-a' AND to_org = 'o-b'"), 1);
  // The sender's transfer of a case it no longer holds is 404.
  EXPECT_EQ(transfer(id, "o-c", version(id, b_), a_).status, 404);
}
