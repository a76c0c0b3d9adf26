// Data minimisation within "needs" (API.md, Referrals: shared_needs, shared_specific_needs):
// an employment referral carries the employment need only, never the person's other needs or
// a survivor-of-violence code, unless the caseworker chooses them; a need the case does not
// have is refused.
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <set>

namespace enlace::test {
namespace {

namespace bj = boost::json;

class ReferralNeedsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  ServerProcess& server() { return net->server; }

  // A case with three needs and two specific needs, and consent for an employment referral to
  // o-ngo. The protection note and the survivor code must never travel by default.
  std::string a_case() {
    bj::object body{
        {"person",
         {{"given_name", "Lorena"},
          {"family_name", "Paz"},
          {"estimated_age", 34},
          {"sex", "female"},
          {"nationality", "VE"},
          {"languages", {"es"}}}},
        {"territory_id", "t-legazpi"},
        {"specific_needs", {"survivor_of_violence", "pregnancy"}},
        {"needs",
         {{{"category", "shelter"}, {"urgency", "high"}, {"note", "two children"}},
          {{"category", "employment"}, {"urgency", "normal"}, {"note", "trained welder"}},
          {{"category", "protection"}, {"urgency", "high"}, {"note", "left a violent partner"}}}}};
    auto r = server().post("/api/v1/cases", body, net->cw);
    if (r.status != 201) throw std::runtime_error("case: " + r.body);
    std::string id(r.json().at("id").as_string());
    net->consent(id, {"o-ngo"}, {"employment", "shelter"});
    return id;
  }

  static bj::object employment(const std::string& case_id) {
    return {{"case_id", case_id},
            {"to_organization_id", "o-ngo"},
            {"category", "employment"},
            {"urgency", "normal"},
            {"reason", "Looking for work as a welder."},
            {"shared_fields", {"given_name", "birth_date", "needs", "specific_needs"}}};
  }

  // What the receiver sees.
  bj::object received(const HttpResponse& created) {
    std::string id(created.json().at("id").as_string());
    auto r = server().get("/api/v1/referrals/" + id, net->ngo_partner);
    if (r.status != 200) throw std::runtime_error("read: " + r.body);
    return r.json().at("shared").as_object();
  }

  static std::set<std::string> categories(const bj::object& shared) {
    std::set<std::string> out;
    for (const auto& n : shared.at("needs").as_array()) out.emplace(n.at("category").as_string());
    return out;
  }

  static std::set<std::string> fields_of(const HttpResponse& r) {
    std::set<std::string> out;
    auto body = r.json();
    if (!body.as_object().contains("errors")) return out;
    for (const auto& e : body.at("errors").as_array()) out.emplace(e.at("field").as_string());
    return out;
  }
};
ReferralNetwork* ReferralNeedsTest::net = nullptr;

TEST_F(ReferralNeedsTest, EmploymentReferralCarriesOnlyTheEmploymentNeed) {
  auto created = server().post("/api/v1/referrals", employment(a_case()), net->cw);
  ASSERT_EQ(created.status, 201) << created.body;
  // The sender sees the choice the server made.
  EXPECT_EQ(created.json().at("shared_needs"), (bj::array{"employment"}));
  EXPECT_EQ(created.json().at("shared_specific_needs"), bj::array{});
  auto shared = received(created);
  EXPECT_EQ(categories(shared), std::set<std::string>{"employment"});
  EXPECT_EQ(shared.at("needs").at(0).at("note"), "trained welder");
  EXPECT_EQ(shared.at("specific_needs"), bj::array{});
  const std::string text = bj::serialize(shared);
  EXPECT_EQ(text.find("violent"), std::string::npos) << text;
  EXPECT_EQ(text.find("survivor_of_violence"), std::string::npos) << text;
  EXPECT_EQ(text.find("two children"), std::string::npos) << text;
  // No birth date is known: the receiver gets the estimated age.
  EXPECT_EQ(shared.at("estimated_age"), 34);
  EXPECT_FALSE(shared.contains("birth_date"));
}

TEST_F(ReferralNeedsTest, AnExplicitChoiceIsHonoured) {
  auto body = employment(a_case());
  body["shared_needs"] = bj::array{"employment", "shelter"};
  body["shared_specific_needs"] = bj::array{"pregnancy"};
  auto created = server().post("/api/v1/referrals", body, net->cw);
  ASSERT_EQ(created.status, 201) << created.body;
  auto shared = received(created);
  EXPECT_EQ(categories(shared), (std::set<std::string>{"employment", "shelter"}));
  EXPECT_EQ(shared.at("specific_needs"), (bj::array{"pregnancy"}));
  EXPECT_EQ(bj::serialize(shared).find("violent"), std::string::npos);
  // Choosing no need at all shares an empty list, not the default.
  body["shared_needs"] = bj::array{};
  body["shared_specific_needs"] = bj::array{};
  auto none = server().post("/api/v1/referrals", body, net->cw);
  ASSERT_EQ(none.status, 201) << none.body;
  EXPECT_EQ(received(none).at("needs"), bj::array{});
}

TEST_F(ReferralNeedsTest, ANeedNotOnTheCaseIs422AndNothingIsSent) {
  auto case_id = a_case();
  const long long before =
      query_int(server().db_path(), "SELECT COUNT(*) FROM referral");
  auto body = employment(case_id);
  body["shared_needs"] = bj::array{"employment", "health"};
  body["shared_specific_needs"] = bj::array{"elderly"};
  auto r = server().post("/api/v1/referrals", body, net->cw);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(fields_of(r), (std::set<std::string>{"shared_needs[1]", "shared_specific_needs[0]"}));
  // A choice for a field that is not shared is a contradiction, not silently dropped.
  body = employment(case_id);
  body["shared_fields"] = bj::array{"given_name"};
  body["shared_needs"] = bj::array{"employment"};
  r = server().post("/api/v1/referrals", body, net->cw);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(fields_of(r), std::set<std::string>{"shared_needs"});
  EXPECT_EQ(query_int(server().db_path(), "SELECT COUNT(*) FROM referral"), before);
}

TEST_F(ReferralNeedsTest, ADraftKeepsItsChoiceUntilSent) {
  auto body = employment(a_case());
  body["status"] = "draft";
  body["shared_specific_needs"] = bj::array{"pregnancy"};
  auto draft = server().post("/api/v1/referrals", body, net->cw);
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string id(draft.json().at("id").as_string());
  auto sent = net->move(id, net->cw, {{"to", "requested"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto shared = received(draft);
  EXPECT_EQ(categories(shared), std::set<std::string>{"employment"});
  EXPECT_EQ(shared.at("specific_needs"), (bj::array{"pregnancy"}));
}

}  // namespace
}  // namespace enlace::test
