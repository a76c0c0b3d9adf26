// The access-control matrix: every endpoint of cases, consents, referrals, messages and events
// x every role x own / receiving / other organisation, with the expected status in one table.
// A route under /api/v1/cases, /api/v1/referrals or /api/v1/events without a row fails the test.
#include "referral_network.hpp"
#include "support/sse_reader.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

using enlace::test::HttpResponse;
using enlace::test::ReferralNetwork;
namespace json = boost::json;

namespace {

// Columns: o-desk owns the case and sends the referral; o-ngo receives it; o-third is neither.
enum Col {
  desk_cw, desk_partner, desk_admin, desk_coordinator,
  ngo_partner, ngo_cw, ngo_admin,
  third_cw, third_partner, third_admin,
  sys_admin, auditor,
  kCols
};
const char* const kColNames[kCols] = {"desk caseworker", "desk partner",  "desk org_admin",
                                      "desk coordinator", "ngo partner",  "ngo caseworker",
                                      "ngo org_admin",    "third caseworker", "third partner",
                                      "third org_admin",  "system_admin", "auditor"};

// What one cell acts on: fresh where a success would change what the next cell sees.
struct Targets {
  std::string case_id, consent_id, referral_id, other_case_id;
};

struct Row {
  std::string method, pattern;
  std::function<HttpResponse(ReferralNetwork&, const Targets&, const std::string& token)> call;
  int expected[kCols];
  bool fresh = false;  // a new case, consent and referral for every cell
};

HttpResponse with_if_match(ReferralNetwork& n, const std::string& method, const std::string& target,
                           json::object body, const std::string& token, std::int64_t version) {
  return n.server.send({method, target,
                        {{"Content-Type", "application/json"},
                         {"If-Match", "\"" + std::to_string(version) + "\""}},
                        json::serialize(body)},
                       token);
}

std::int64_t case_version(ReferralNetwork& n, const std::string& id) {
  return n.server.get("/api/v1/cases/" + id, n.cw).json().at("version").as_int64();
}

std::vector<Row> matrix() {
  const std::string cases = "/api/v1/cases", refs = "/api/v1/referrals";
  //                                     desk: cw  prt  adm  crd | ngo: prt  cw   adm | third: cw  prt  adm | sys  aud
  return {
      {"POST", "/api/v1/cases",
       [=](ReferralNetwork& n, const Targets&, const std::string& t) {
         json::object body{{"person", {{"given_name", "Ana"}, {"family_name", "Rojas"}, {"estimated_age", 30},
                                       {"sex", "female"}, {"nationality", "CO"}}},
                           {"territory_id", "t-legazpi"}};
         return n.server.post("/api/v1/cases", body, t);
       },
       {201, 403, 403, 403, 403, 201, 403, 201, 403, 403, 403, 403}},
      {"GET", "/api/v1/cases",
       [=](ReferralNetwork& n, const Targets&, const std::string& t) { return n.server.get(cases, t); },
       {200, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403}},
      {"GET", "/api/v1/cases/{id}",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) { return n.server.get(cases + "/" + x.case_id, t); },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}},
      {"GET", "/api/v1/cases/{id}/disclosures",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.get(cases + "/" + x.case_id + "/disclosures", t);
       },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}},
      {"PATCH", "/api/v1/cases/{id}",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return with_if_match(n, "PATCH", cases + "/" + x.case_id, {{"notes", "Seen again."}}, t,
                              case_version(n, x.case_id));
       },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}},
      {"POST", "/api/v1/cases/{id}/close",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(cases + "/" + x.case_id + "/close", {{"reason", "Moved to Manila."}}, t);
       },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}, true},
      {"POST", "/api/v1/cases/{id}/household",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(cases + "/" + x.case_id + "/household",
                              {{"case_id", x.other_case_id}, {"relation", "daughter"}}, t);
       },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}, true},
      {"POST", "/api/v1/cases/{id}/transfer",  // no consent covers o-third: nothing moves
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return with_if_match(n, "POST", cases + "/" + x.case_id + "/transfer",
                              {{"to_organization_id", "o-third"}, {"reason", "Moved to Manila."}}, t,
                              case_version(n, x.case_id));
       },
       {422, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}},
      {"POST", "/api/v1/cases/{id}/consents",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(cases + "/" + x.case_id + "/consents",
                              {{"method", "verbal"}, {"categories", {"health"}}, {"organizations", {"o-ngo"}}}, t);
       },
       {201, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}},
      {"POST", "/api/v1/cases/{id}/consents/{consent_id}/withdraw",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(cases + "/" + x.case_id + "/consents/" + x.consent_id + "/withdraw", json::object{}, t);
       },
       {200, 403, 403, 403, 403, 404, 403, 404, 403, 403, 403, 403}, true},
      {"POST", "/api/v1/referrals",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(refs, ReferralNetwork::referral_body(x.case_id), t);
       },
       {201, 403, 403, 403, 403, 422, 403, 422, 403, 403, 403, 403}},
      {"GET", "/api/v1/referrals",  // box=outbox
       [=](ReferralNetwork& n, const Targets&, const std::string& t) { return n.server.get(refs + "?box=outbox", t); },
       {200, 403, 200, 403, 403, 200, 200, 200, 403, 200, 403, 403}},
      {"GET", "/api/v1/referrals?box=inbox",
       [=](ReferralNetwork& n, const Targets&, const std::string& t) { return n.server.get(refs + "?box=inbox", t); },
       {200, 200, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403}},
      {"GET", "/api/v1/referrals?box=review",
       [=](ReferralNetwork& n, const Targets&, const std::string& t) { return n.server.get(refs + "?box=review", t); },
       {403, 403, 200, 403, 403, 403, 200, 403, 403, 200, 403, 403}},
      {"GET", "/api/v1/referrals/{id}",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) { return n.server.get(refs + "/" + x.referral_id, t); },
       {200, 404, 200, 403, 200, 200, 200, 404, 404, 404, 403, 403}},
      {"POST", "/api/v1/referrals/{id}/transitions",  // requested -> completed: nobody's move
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return with_if_match(n, "POST", refs + "/" + x.referral_id + "/transitions",
                              {{"to", "completed"}, {"outcome_code", "service_provided"}}, t, 1);
       },
       {409, 404, 403, 403, 409, 409, 409, 404, 404, 404, 403, 403}},
      {"POST", "/api/v1/referrals/{id}/review",  // not under vital interest: nothing to review
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(refs + "/" + x.referral_id + "/review", json::object{}, t);
       },
       {403, 403, 409, 403, 403, 403, 403, 403, 403, 404, 403, 403}},
      {"GET", "/api/v1/referrals/{id}/alternatives",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.get(refs + "/" + x.referral_id + "/alternatives", t);
       },
       {200, 404, 403, 403, 403, 403, 403, 404, 404, 404, 403, 403}},
      {"GET", "/api/v1/referrals/{id}/messages",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.get(refs + "/" + x.referral_id + "/messages", t);
       },
       {200, 404, 200, 403, 200, 200, 200, 404, 404, 404, 403, 403}},
      {"POST", "/api/v1/referrals/{id}/messages",
       [=](ReferralNetwork& n, const Targets& x, const std::string& t) {
         return n.server.post(refs + "/" + x.referral_id + "/messages", {{"body", "Any news?"}}, t);
       },
       {201, 404, 201, 403, 201, 201, 201, 404, 404, 404, 403, 403}},
      {"GET", "/api/v1/events",
       [=](ReferralNetwork& n, const Targets&, const std::string& t) {
         enlace::test::SseReader s(n.server.port(), t);
         HttpResponse r;
         r.status = s.status();
         return r;
       },
       {200, 200, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403}},
  };
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { net = new ReferralNetwork(); }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;

  Targets fresh() {
    Targets t;
    t.case_id = net->create_case();
    t.consent_id = net->consent(t.case_id);
    t.other_case_id = net->create_case("Liza", "Dela Cruz");
    auto r = net->server.post("/api/v1/referrals", ReferralNetwork::referral_body(t.case_id), net->cw);
    t.referral_id = std::string(r.json().at("id").as_string());
    return t;
  }

  const std::string& token(Col c) {
    const std::string* tokens[kCols] = {&net->cw,          &net->desk_partner, &net->desk_admin,
                                        &net->coordinator, &net->ngo_partner,  &net->ngo_cw,
                                        &net->ngo_admin,   &net->third_cw,     &net->third_partner,
                                        &net->third_admin, &net->root,         &net->auditor};
    return *tokens[c];
  }
};
ReferralNetwork* AccessMatrixTest::net = nullptr;

}  // namespace

TEST_F(AccessMatrixTest, EveryRoleGetsTheExpectedStatusOnEveryEndpoint) {
  Targets shared = fresh();
  int cells = 0;
  for (const auto& row : matrix()) {
    for (int c = 0; c < kCols; ++c) {
      Targets t = row.fresh ? fresh() : shared;
      auto r = row.call(*net, t, token(static_cast<Col>(c)));
      EXPECT_EQ(r.status, row.expected[c])
          << row.method << " " << row.pattern << " as " << kColNames[c] << ": " << r.body;
      ++cells;
    }
    // The clock moves a minute per row so that per-minute rate limits refill; sessions stay.
    net->server.advance_minutes(1);
  }
  EXPECT_EQ(cells, static_cast<int>(matrix().size()) * kCols);
}

TEST_F(AccessMatrixTest, EveryCaseReferralAndEventRouteHasARow) {
  std::set<std::string> rows;
  for (const auto& row : matrix()) {
    auto q = row.pattern.find('?');
    rows.insert(row.method + " " + row.pattern.substr(0, q));
  }
  auto doc = net->server.get("/api/v1/openapi.json").json();
  int checked = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    std::string p(path);
    if (p.rfind("/api/v1/cases", 0) != 0 && p.rfind("/api/v1/referrals", 0) != 0 &&
        p.rfind("/api/v1/events", 0) != 0)
      continue;
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      EXPECT_TRUE(rows.count(m + " " + p)) << m << " " << p << " has no row in the access matrix";
      ++checked;
    }
  }
  EXPECT_GE(checked, 17);  // the routes of the cases and referrals modules today
}
