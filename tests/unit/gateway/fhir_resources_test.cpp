// FHIR R4 renderers: the required bindings the JSON schema leaves to code, the Task's mapping
// of a referral, OperationOutcomes from problem+json, and the formats refused.
#include "gateway/fhir_resources.hpp"

#include "core/referral_status.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>

namespace enlace::gateway {
namespace {

namespace bj = boost::json;

bool in(const std::vector<std::string_view>& codes, std::string_view c) {
  return std::find(codes.begin(), codes.end(), c) != codes.end();
}

core::ReferralRecord receiver_view() {
  core::ReferralRecord r;
  r.id = "r-1";
  r.from_org = "o-a";
  r.to_org = "o-b";
  r.category = "shelter";
  r.urgency = core::Urgency::emergency;
  r.reason = "Needs a bed tonight.";
  r.status = core::Status::received;
  r.snapshot = R"({"fields":["given_name","sex"],"given_name":"Ana","sex":"female"})";
  r.respond_by = *core::parse_timestamp("2026-11-24T16:00:00Z");
  r.created_at = *core::parse_timestamp("2026-11-24T12:00:00Z");
  r.updated_at = *core::parse_timestamp("2026-11-24T13:00:00Z");
  r.version = 3;
  return r;
}

TEST(FhirResourcesTest, EveryReferralStateIsATaskStatusAndMapsToAServiceRequestStatus) {
  for (const auto& s : core::kStatusNames) {
    EXPECT_TRUE(in(kFhirTaskStatusCodes, s.name)) << s.name;
    EXPECT_TRUE(in(kFhirServiceRequestStatusCodes, fhir_service_request_status(s.value))) << s.name;
    core::ReferralRecord r = receiver_view();
    r.status = s.value;
    auto t = fhir_task(r, {});
    EXPECT_EQ(t.at("status"), bj::value(s.name));
    EXPECT_EQ(t.at("intent"), "order");  // request-intent, required binding
  }
}

TEST(FhirResourcesTest, UrgencyIsPriority) {
  EXPECT_EQ(fhir_priority(core::Urgency::emergency), "stat");
  EXPECT_EQ(fhir_priority(core::Urgency::high), "urgent");
  EXPECT_EQ(fhir_priority(core::Urgency::normal), "routine");
  for (auto u : {core::Urgency::emergency, core::Urgency::high, core::Urgency::normal})
    EXPECT_TRUE(in(kFhirRequestPriorityCodes, fhir_priority(u)));
}

TEST(FhirResourcesTest, TaskCarriesTheRecordAndOnlyTheSnapshotsPerson) {
  auto t = fhir_task(receiver_view(), {{"o-a", "Help desk"}});
  EXPECT_EQ(t.at("id"), "r-1");
  EXPECT_EQ(t.at("priority"), "stat");
  EXPECT_EQ(t.at("meta").at("versionId"), "3");
  EXPECT_EQ(t.at("lastModified"), "2026-11-24T13:00:00Z");
  EXPECT_EQ(t.at("restriction").at("period").at("end"), "2026-11-24T16:00:00Z");
  EXPECT_EQ(t.at("requester").at("display"), "Help desk");
  EXPECT_FALSE(t.at("owner").as_object().contains("display"));  // unknown name: reference only
  const auto& patient = t.at("contained").at(1).as_object();
  EXPECT_EQ(patient.at("resourceType"), "Patient");
  EXPECT_EQ(patient.size(), 4u);  // resourceType, id, name, gender
  EXPECT_EQ(patient.at("name").at(0).at("given").at(0), "Ana");
  EXPECT_FALSE(t.contains("statusReason"));
  EXPECT_FALSE(t.contains("output"));
}

TEST(FhirResourcesTest, WithoutASnapshotThePatientIsOnlyAReference) {
  auto r = receiver_view();
  r.snapshot.reset();
  r.status = core::Status::draft;
  auto t = fhir_task(r, {});
  EXPECT_EQ(t.at("contained").at(1), (bj::object{{"resourceType", "Patient"}, {"id", "patient"}}));
  EXPECT_EQ(t.at("contained").at(0).at("status"), "draft");
}

TEST(FhirResourcesTest, ProblemsBecomeOperationOutcomesWithTheSameStatus) {
  Response p;
  p.status = 400;
  p.content_type = "application/problem+json";
  p.body = R"({"type":"/problems/validation","title":"Invalid","status":400,"detail":"Bad.",)"
           R"("errors":[{"field":"_count","message":"must be a whole number from 1"}]})";
  p.set("Retry-After", "1");
  auto r = as_fhir_response(p);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, kFhirJson);
  EXPECT_EQ(r.headers.size(), 1u);
  auto o = bj::parse(r.body);
  EXPECT_EQ(o.at("resourceType"), "OperationOutcome");
  EXPECT_EQ(o.at("issue").at(0).at("code"), "invalid");
  EXPECT_EQ(o.at("issue").at(0).at("expression").at(0), "_count");

  p.status = 401;
  p.body = R"({"type":"/problems/unauthorized","title":"Not signed in","status":401,"detail":"Sign in."})";
  o = bj::parse(as_fhir_response(p).body);
  EXPECT_EQ(o.at("issue").at(0).at("code"), "login");
  EXPECT_EQ(o.at("issue").at(0).at("diagnostics"), "Sign in.");

  Response ok;
  ok.content_type = "application/json";
  ok.body = "{}";
  EXPECT_EQ(as_fhir_response(ok).content_type, kFhirJson);
}

TEST(FhirResourcesTest, OnlyJsonIsServed) {
  auto refused = [](std::string accept, std::string format = "") {
    Request req;
    if (!accept.empty()) req.headers.emplace_back("accept", accept);
    if (!format.empty()) req.query.emplace_back("_format", format);
    return fhir_format_refused(req);
  };
  EXPECT_FALSE(refused(""));
  EXPECT_FALSE(refused("*/*"));
  EXPECT_FALSE(refused("application/fhir+json; fhirVersion=4.0"));
  EXPECT_FALSE(refused("application/fhir+xml;q=1, application/json;q=0.1"));
  EXPECT_TRUE(refused("application/fhir+xml"));
  EXPECT_TRUE(refused("text/html"));
  EXPECT_TRUE(refused("", "xml"));
  EXPECT_FALSE(refused("application/fhir+xml", "json"));  // _format wins over Accept
  EXPECT_FALSE(refused("", "application/fhir+json"));
}

TEST(FhirResourcesTest, OnlyFhirPathsAnswerInFhir) {
  EXPECT_TRUE(is_fhir_path("/fhir/r4/Task"));
  EXPECT_TRUE(is_fhir_path("/fhir"));
  EXPECT_FALSE(is_fhir_path("/fhirish"));
  EXPECT_FALSE(is_fhir_path("/api/v1/referrals"));
}

}  // namespace
}  // namespace enlace::gateway
