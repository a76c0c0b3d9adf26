// HL7 FHIR R4 (API.md, Interoperability): referrals as Tasks with a contained ServiceRequest
// and Patient, read and searched under the JSON API's access rules, audited like any read,
// errors as OperationOutcomes; every body received is checked against HL7's R4 JSON schema.
#include "fhir_schema.hpp"
#include "referral_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace enlace::test {
namespace {

namespace bj = boost::json;

const std::set<std::string> kTaskStatus = {"draft",     "requested",   "received", "accepted",
                                           "rejected",  "ready",       "cancelled", "in-progress",
                                           "on-hold",   "failed",      "completed", "entered-in-error"};
const std::set<std::string> kTaskIntent = {"unknown",      "proposal",     "plan",
                                           "order",        "original-order", "reflex-order",
                                           "filler-order", "instance-order", "option"};

class FhirTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    net = new ReferralNetwork();
    schema = new FhirSchema();
  }
  static void TearDownTestSuite() {
    delete schema;
    schema = nullptr;
    delete net;
    net = nullptr;
  }
  static ReferralNetwork* net;
  static FhirSchema* schema;
  ServerProcess& server() { return net->server; }

  // Checks what every FHIR reply must be: FHIR's media type and a valid R4 resource, and for
  // Tasks the required bindings the schema leaves to code.
  HttpResponse fhir(const std::string& target, const std::string& token = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest req;
    req.target = target;
    req.headers = std::move(headers);
    auto r = server().send(req, token);
    EXPECT_EQ(r.header("content-type").rfind("application/fhir+json", 0), 0u)
        << target << " " << r.header("content-type");
    EXPECT_EQ(schema->problems(r.body), "") << target << " " << r.body.substr(0, 400);
    if (r.header("content-type").rfind("application/fhir+json", 0) == 0) check_bindings(r.json());
    return r;
  }

  static void check_task(const bj::value& t) {
    EXPECT_TRUE(kTaskStatus.count(std::string(t.at("status").as_string())));
    EXPECT_TRUE(kTaskIntent.count(std::string(t.at("intent").as_string())));
  }
  static void check_bindings(const bj::value& v) {
    if (!v.is_object() || !v.as_object().contains("resourceType")) return;
    if (v.at("resourceType") == "Task") check_task(v);
    if (v.at("resourceType") == "Bundle" && v.as_object().contains("entry"))
      for (const auto& e : v.at("entry").as_array()) check_task(e.at("resource"));
  }

  static const bj::object& contained(const bj::value& task, const std::string& type) {
    for (const auto& c : task.at("contained").as_array())
      if (c.at("resourceType") == bj::value(type)) return c.as_object();
    throw std::runtime_error("no contained " + type);
  }

  static std::string issue_code(const HttpResponse& r) {
    auto o = r.json();
    EXPECT_EQ(o.at("resourceType"), "OperationOutcome");
    return std::string(o.at("issue").at(0).at("code").as_string());
  }

  static std::vector<std::string> ids(const bj::value& bundle) {
    std::vector<std::string> out;
    if (!bundle.as_object().contains("entry")) return out;
    for (const auto& e : bundle.at("entry").as_array())
      out.emplace_back(e.at("resource").at("id").as_string());
    return out;
  }

  static std::string next_link(const bj::value& bundle) {
    for (const auto& l : bundle.at("link").as_array())
      if (l.at("relation") == "next") {
        std::string url(l.at("url").as_string());
        return url.substr(url.find("/fhir/"));  // the client's own host and port
      }
    return "";
  }

  // Every Task a search finds, following next links to the end.
  std::vector<std::string> all_pages(std::string target, const std::string& token, int* pages = nullptr) {
    std::vector<std::string> out;
    int n = 0;
    while (!target.empty() && n < 100) {
      auto r = fhir(target, token);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      auto b = r.json();
      for (auto& id : ids(b)) out.push_back(id);
      target = next_link(b);
      ++n;
    }
    if (pages) *pages = n;
    return out;
  }

  static bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }
};
ReferralNetwork* FhirTest::net = nullptr;
FhirSchema* FhirTest::schema = nullptr;

TEST_F(FhirTest, MetadataNeedsNoSignInAndDeclaresTaskReadAndSearch) {
  auto r = fhir("/fhir/r4/metadata");
  ASSERT_EQ(r.status, 200) << r.body;
  auto c = r.json();
  EXPECT_EQ(c.at("resourceType"), "CapabilityStatement");
  EXPECT_EQ(c.at("fhirVersion"), "4.0.1");
  EXPECT_EQ(c.at("kind"), "instance");
  EXPECT_EQ(c.at("format").at(0), "json");
  auto task = c.at("rest").at(0).at("resource").at(0);
  EXPECT_EQ(task.at("type"), "Task");
  std::set<std::string> interactions, params;
  for (const auto& i : task.at("interaction").as_array()) interactions.emplace(i.at("code").as_string());
  for (const auto& p : task.at("searchParam").as_array()) params.emplace(p.at("name").as_string());
  EXPECT_EQ(interactions, (std::set<std::string>{"read", "search-type"}));
  EXPECT_EQ(params, (std::set<std::string>{"status", "_lastUpdated", "owner", "requester", "_count"}));
}

TEST_F(FhirTest, SenderReadsTheReferralAsATask) {
  auto id = net->referral();
  auto api = server().get("/api/v1/referrals/" + id, net->cw).json();
  auto r = fhir("/fhir/r4/Task/" + id, net->cw);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto t = r.json();
  EXPECT_EQ(t.at("id"), bj::value(id));
  EXPECT_EQ(t.at("status"), "requested");
  EXPECT_EQ(t.at("intent"), "order");
  EXPECT_EQ(t.at("priority"), "urgent");  // urgency high
  EXPECT_EQ(t.at("meta").at("versionId"), bj::value(std::to_string(api.at("version").as_int64())));
  EXPECT_EQ(r.header("etag"), "W/\"" + std::to_string(api.at("version").as_int64()) + "\"");
  EXPECT_EQ(t.at("authoredOn"), api.at("created_at"));
  EXPECT_EQ(t.at("lastModified"), api.at("updated_at"));
  EXPECT_EQ(t.at("restriction").at("period").at("end"), api.at("respond_by"));
  EXPECT_EQ(t.at("requester").at("reference"), "Organization/o-desk");
  EXPECT_EQ(t.at("requester").at("display"), "OFW Help Desk");
  EXPECT_EQ(t.at("owner").at("reference"), "Organization/o-ngo");
  EXPECT_EQ(t.at("owner").at("display"), "Diocese shelter");
  EXPECT_EQ(t.at("focus").at("reference"), "#service-request");
  EXPECT_EQ(t.at("for").at("reference"), "#patient");
  const auto& sr = contained(t, "ServiceRequest");
  EXPECT_EQ(sr.at("status"), "active");
  EXPECT_EQ(sr.at("priority"), "urgent");
  EXPECT_EQ(sr.at("code").at("coding").at(0).at("code"), "shelter");
  EXPECT_EQ(sr.at("category").at(0).at("coding").at(0).at("code"), "shelter");
  EXPECT_EQ(sr.at("reasonCode").at(0).at("text"), api.at("reason"));
  EXPECT_EQ(sr.at("subject").at("reference"), "#patient");
  // The sender reads what was shared, not the case: the snapshot had given_name, sex, needs.
  const auto& p = contained(t, "Patient");
  EXPECT_EQ(p.at("name").at(0).at("given").at(0), "Maricel");
  EXPECT_FALSE(p.at("name").at(0).as_object().contains("family"));
  EXPECT_EQ(p.at("gender"), "female");
  EXPECT_FALSE(p.contains("birthDate"));
  EXPECT_FALSE(p.contains("telecom"));
  EXPECT_EQ(t.at("input").at(0).at("valueCodeableConcept").at("coding").at(0).at("code"), "shelter");
  EXPECT_EQ(t.at("input").at(0).at("valueCodeableConcept").at("text"), "two children");
}

TEST_F(FhirTest, ReceiverSeesOnlyTheSnapshotAndNoCaseId) {
  auto case_id = net->create_case("Rosa", "Villanueva");
  net->consent(case_id);
  auto body = ReferralNetwork::referral_body(case_id);
  body["shared_fields"] = {"given_name", "family_name", "languages", "phone", "nationality"};
  auto made = server().post("/api/v1/referrals", body, net->cw);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string id(made.json().at("id").as_string());
  auto r = fhir("/fhir/r4/Task/" + id, net->ngo_partner);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(case_id), std::string::npos);
  EXPECT_EQ(r.body.find("1986-03-14"), std::string::npos);  // birth date not shared
  EXPECT_EQ(r.body.find("two children"), std::string::npos);  // needs not shared
  EXPECT_EQ(r.body.find("survivor_of_violence"), std::string::npos);
  auto t = r.json();
  const auto& p = contained(t, "Patient");
  EXPECT_EQ(p.at("name").at(0).at("family"), "Villanueva");
  EXPECT_EQ(p.at("telecom").at(0).at("value"), "+63 917 555 0199");
  EXPECT_EQ(p.at("communication").at(0).at("language").at("coding").at(0).at("code"), "tl");
  EXPECT_EQ(p.at("extension").at(0).at("extension").at(0).at("valueCodeableConcept").at("coding").at(0).at("code"), "PH");
  EXPECT_FALSE(p.contains("gender"));
  EXPECT_FALSE(t.as_object().contains("input"));
}

TEST_F(FhirTest, ThirdOrganisationGetsNotFoundAsOperationOutcome) {
  auto id = net->referral();
  const int before = count_audit(server().db_path(), "referral.read", id, "not_found");
  auto r = fhir("/fhir/r4/Task/" + id, net->third_cw);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(issue_code(r), "not-found");
  EXPECT_EQ(count_audit(server().db_path(), "referral.read", id, "not_found"), before + 1);
  auto none = fhir("/fhir/r4/Task/no-such-referral", net->cw);
  EXPECT_EQ(none.status, 404);
  // A resource type this server does not serve is a FHIR 404 too, not the web UI.
  auto other = fhir("/fhir/r4/Patient/x", net->cw);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(issue_code(other), "not-found");
}

TEST_F(FhirTest, SignedOutIsUnauthorizedAndOtherRolesForbidden) {
  auto id = net->referral();
  auto r = fhir("/fhir/r4/Task/" + id);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(issue_code(r), "login");
  EXPECT_EQ(fhir("/fhir/r4/Task").status, 401);
  // The JSON API's answers for the same people: 403 for roles that take no part in referrals.
  auto read = fhir("/fhir/r4/Task/" + id, net->coordinator);
  EXPECT_EQ(read.status, server().get("/api/v1/referrals/" + id, net->coordinator).status);
  EXPECT_EQ(read.status, 403);
  EXPECT_EQ(issue_code(read), "forbidden");
  auto search = fhir("/fhir/r4/Task", net->auditor);
  EXPECT_EQ(search.status, 403);
  EXPECT_EQ(issue_code(search), "forbidden");
}

TEST_F(FhirTest, ReadIsAuditedButDoesNotMarkTheReferralReceived) {
  auto id = net->referral();
  auto before = server().get("/api/v1/referrals/" + id, net->cw).json();
  const int reads = count_audit(server().db_path(), "referral.read", id, "ok");
  auto r = fhir("/fhir/r4/Task/" + id, net->ngo_partner);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("status"), "requested");
  EXPECT_EQ(count_audit(server().db_path(), "referral.read", id, "ok"), reads + 1);
  auto after = server().get("/api/v1/referrals/" + id, net->cw).json();
  EXPECT_EQ(after.at("status"), "requested");
  EXPECT_EQ(after.at("version"), before.at("version"));
  EXPECT_EQ(after.at("history").as_array().size(), before.at("history").as_array().size());
  // The person's access report shows the receiver's FHIR read like a JSON one.
  auto report = server().get("/api/v1/cases/" + std::string(before.at("case_id").as_string()) +
                                 "/disclosures", net->cw);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_NE(report.body.find("o-ngo"), std::string::npos);
}

TEST_F(FhirTest, RejectionAndOutcomeMapToStatusReasonAndOutput) {
  auto rejected = net->referral();
  ASSERT_EQ(net->move(rejected, net->ngo_partner, {{"to", "rejected"}, {"reason_code", "no_capacity"}}).status, 200);
  auto t = fhir("/fhir/r4/Task/" + rejected, net->cw).json();
  EXPECT_EQ(t.at("status"), "rejected");
  EXPECT_EQ(t.at("statusReason").at("coding").at(0).at("code"), "no_capacity");
  EXPECT_EQ(contained(t, "ServiceRequest").at("status"), "revoked");

  auto done = net->referral();
  ASSERT_EQ(net->move(done, net->ngo_partner, {{"to", "accepted"}}).status, 200);
  ASSERT_EQ(net->move(done, net->ngo_partner, {{"to", "completed"}, {"outcome_code", "service_provided"},
                                               {"outcome", "Three nights"}}).status, 200);
  auto c = fhir("/fhir/r4/Task/" + done, net->ngo_partner).json();
  EXPECT_EQ(c.at("status"), "completed");
  EXPECT_EQ(c.at("output").at(0).at("valueCodeableConcept").at("coding").at(0).at("code"), "service_provided");
  EXPECT_EQ(c.at("output").at(0).at("valueCodeableConcept").at("text"), "Three nights");
  EXPECT_EQ(contained(c, "ServiceRequest").at("status"), "completed");
}

TEST_F(FhirTest, SearchByStatusOwnerAndRequesterKeepsTheListingsScope) {
  auto open = net->referral();
  auto received = net->referral();
  ASSERT_EQ(net->move(received, net->ngo_partner, {{"to", "received"}}).status, 200);

  auto by_status = all_pages("/fhir/r4/Task?status=received&_count=500", net->cw);
  EXPECT_TRUE(has(by_status, received));
  EXPECT_FALSE(has(by_status, open));
  auto b = fhir("/fhir/r4/Task?status=received", net->cw).json();
  for (const auto& e : b.at("entry").as_array()) EXPECT_EQ(e.at("resource").at("status"), "received");
  EXPECT_EQ(b.at("type"), "searchset");

  auto owned = all_pages("/fhir/r4/Task?owner=Organization/o-ngo", net->cw);
  EXPECT_TRUE(has(owned, open) && has(owned, received));
  EXPECT_TRUE(all_pages("/fhir/r4/Task?owner=Organization/o-third", net->cw).empty());
  // The receiver's inbox by requester; the sender's outbox is not the receiver's to search.
  auto inbox = all_pages("/fhir/r4/Task?requester=Organization/o-desk", net->ngo_partner);
  EXPECT_TRUE(has(inbox, open) && has(inbox, received));
  EXPECT_TRUE(all_pages("/fhir/r4/Task?requester=o-desk", net->third_cw).empty());
  EXPECT_TRUE(all_pages("/fhir/r4/Task", net->third_partner).empty());
  // Everything the caller may list, and no more: the union of the JSON inbox and outbox.
  std::set<std::string> api;
  for (const char* box : {"inbox", "outbox"}) {
    auto page = server().get(std::string("/api/v1/referrals?limit=500&box=") + box, net->ngo_admin);
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    for (const auto& i : body.at("items").as_array()) api.emplace(i.at("id").as_string());
  }
  auto everything = all_pages("/fhir/r4/Task?_count=7", net->ngo_admin);
  EXPECT_EQ(std::set<std::string>(everything.begin(), everything.end()), api);
  EXPECT_EQ(everything.size(), api.size());
}

TEST_F(FhirTest, LastUpdatedTakesFhirPrefixes) {
  net->advance_minutes(3 * 24 * 60);
  auto first = net->referral();
  const std::string day1 = server().now().substr(0, 10);
  net->advance_minutes(2 * 24 * 60);
  auto second = net->referral();
  const std::string day2 = server().now().substr(0, 10);
  const std::string second_at = server().now();
  auto search = [&](const std::string& q) {
    return all_pages("/fhir/r4/Task?requester=Organization/o-desk&_lastUpdated=" + q, net->cw);
  };
  auto eq = search(day1);
  EXPECT_TRUE(has(eq, first));
  EXPECT_FALSE(has(eq, second));
  auto ge = search("ge" + day2);
  EXPECT_FALSE(has(ge, first));
  EXPECT_TRUE(has(ge, second));
  auto gt = search("gt" + day1);  // after the whole day
  EXPECT_FALSE(has(gt, first));
  EXPECT_TRUE(has(gt, second));
  auto le = search("le" + day1);  // up to the end of that day
  EXPECT_TRUE(has(le, first));
  EXPECT_FALSE(has(le, second));
  auto lt = search("lt" + day2);
  EXPECT_TRUE(has(lt, first));
  EXPECT_FALSE(has(lt, second));
  // Both ends, and an instant to the second.
  auto both = all_pages("/fhir/r4/Task?_lastUpdated=ge" + day1 + "&_lastUpdated=lt" + day2, net->cw);
  EXPECT_TRUE(has(both, first));
  EXPECT_FALSE(has(both, second));
  auto at = search(second_at);
  EXPECT_EQ(at, (std::vector<std::string>{second}));
  auto gt_at = search("gt" + second_at);
  EXPECT_TRUE(gt_at.empty());

  for (const char* bad : {"ne2026-11-24", "2026-13-01", "yesterday", "sa2026-11-24"}) {
    auto r = fhir(std::string("/fhir/r4/Task?_lastUpdated=") + bad, net->cw);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(issue_code(r), "invalid");
    EXPECT_EQ(r.json().at("issue").at(0).at("expression").at(0), "_lastUpdated");
  }
}

TEST_F(FhirTest, PagingFollowsNextLinksToTheEndAndAuditsEachPage) {
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) made.push_back(net->referral());
  int pages = 0;
  auto found = all_pages("/fhir/r4/Task?owner=Organization/o-ngo&_count=2", net->cw, &pages);
  for (const auto& id : made) EXPECT_TRUE(has(found, id)) << id;
  EXPECT_EQ(std::set<std::string>(found.begin(), found.end()).size(), found.size());  // no repeats
  EXPECT_EQ(pages, static_cast<int>((found.size() + 1) / 2));
  // One audit event per page, naming the Tasks shown (all_pages read this first page too).
  const int before = count_audit(server().db_path(), "referral.list");
  const auto first_page = ids(fhir("/fhir/r4/Task?owner=Organization/o-ngo&_count=2", net->cw).json());
  ASSERT_EQ(first_page.size(), 2u);
  const std::string named = first_page[0] + "," + first_page[1];
  const int naming = count_audit(server().db_path(), "referral.list", named);
  auto page = fhir("/fhir/r4/Task?owner=Organization/o-ngo&_count=2", net->cw);
  EXPECT_EQ(count_audit(server().db_path(), "referral.list"), before + 2);
  EXPECT_EQ(count_audit(server().db_path(), "referral.list", named), naming + 1);
  // Each entry's fullUrl is absolute, on the host the client asked for (the harness sends
  // "Host: 127.0.0.1").
  EXPECT_EQ(page.json().at("entry").at(0).at("fullUrl"),
            bj::value("http://127.0.0.1/fhir/r4/Task/" + first_page[0]));
}

TEST_F(FhirTest, CountAndOtherParametersAreCheckedAsFhirSays) {
  net->referral();
  net->referral();
  auto one = fhir("/fhir/r4/Task?_count=1", net->cw);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(ids(one.json()).size(), 1u);
  EXPECT_FALSE(next_link(one.json()).empty());
  // More than the server gives is served as its most, never an error (FHIR search, _count).
  auto many = fhir("/fhir/r4/Task?_count=100000", net->cw);
  ASSERT_EQ(many.status, 200);
  EXPECT_LE(ids(many.json()).size(), 500u);
  for (const char* bad : {"_count=0", "_count=-1", "_count=abc", "status=open", "status=requested,received",
                          "owner=Practitioner/x", "subject=Patient/1", "_cursor=zzz", "_count=2&_count=3"}) {
    auto r = fhir(std::string("/fhir/r4/Task?") + bad, net->cw);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_EQ(issue_code(r), "invalid") << bad;
  }
}

TEST_F(FhirTest, AsksForXmlOnlyGetNotAcceptable) {
  auto id = net->referral();
  auto xml = fhir("/fhir/r4/Task/" + id, net->cw, {{"Accept", "application/fhir+xml"}});
  EXPECT_EQ(xml.status, 406);
  EXPECT_EQ(issue_code(xml), "not-supported");
  EXPECT_EQ(fhir("/fhir/r4/metadata?_format=xml").status, 406);
  EXPECT_EQ(fhir("/fhir/r4/Task?_format=application/fhir+xml", net->cw).status, 406);
  EXPECT_EQ(fhir("/fhir/r4/Task/" + id, net->cw, {{"Accept", "application/fhir+json"}}).status, 200);
  EXPECT_EQ(fhir("/fhir/r4/Task/" + id, net->cw, {{"Accept", "application/fhir+xml, application/json;q=0.5"}}).status, 200);
  EXPECT_EQ(fhir("/fhir/r4/Task?_format=json", net->cw).status, 200);
}

// Last in the suite: it moves the clock weeks ahead, so that its referrals are overdue.
TEST_F(FhirTest, OverdueTasksComeFirstAsInTheInboxAndTheDeadlineIsTheStates) {
  auto waiting = net->referral();
  auto accepted = net->referral();
  auto moved = net->move(accepted, net->ngo_partner, {{"to", "accepted"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  // Once accepted the referral is held to outcome_by, no longer to respond_by.
  auto api = server().get("/api/v1/referrals/" + accepted, net->cw).json();
  ASSERT_TRUE(api.at("outcome_by").is_string());
  auto t = fhir("/fhir/r4/Task/" + accepted, net->cw).json();
  EXPECT_EQ(t.at("restriction").at("period").at("end"), api.at("outcome_by"));
  auto w = fhir("/fhir/r4/Task/" + waiting, net->cw).json();
  EXPECT_EQ(w.at("restriction").at("period").at("end"),
            server().get("/api/v1/referrals/" + waiting, net->cw).json().at("respond_by"));

  // Past both deadlines: the receiver's Tasks come in the inbox's order (overdue first, the
  // most overdue first), page by page through the overdue part and past it.
  net->advance_minutes(60 * 24 * 60);
  std::vector<std::string> inbox;
  std::string cursor;
  int overdue = 0;
  for (int n = 0; n < 100; ++n) {
    auto r = server().get("/api/v1/referrals?box=inbox&limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor),
                          net->ngo_partner);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& i : body.at("items").as_array()) {
      inbox.emplace_back(i.at("id").as_string());
      if (i.at("overdue").as_bool()) ++overdue;
    }
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_GT(overdue, 3);  // more than a page of them
  EXPECT_TRUE(has(inbox, waiting) && has(inbox, accepted));
  EXPECT_EQ(all_pages("/fhir/r4/Task?_count=3", net->ngo_partner), inbox);
}

}  // namespace
}  // namespace enlace::test
