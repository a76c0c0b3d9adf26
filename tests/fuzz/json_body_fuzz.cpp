// Fuzz target: a request body through strict JSON parsing and the typed readers, into the
// core validators the case, referral and transition handlers call.
#include "core/case_file.hpp"
#include "core/password_policy.hpp"
#include "core/referral.hpp"
#include "core/referral_lifecycle.hpp"
#include "gateway/json_body.hpp"

#include <cstddef>
#include <cstdint>

using namespace enlace;
using gateway::FieldReader;

namespace {

const std::vector<std::string> kCategories{"shelter", "documentation", "employment", "health",
                                          "mental_health", "food", "legal_aid", "education",
                                          "language", "financial_services", "protection", "housing"};

core::PersonDraft read_person(FieldReader& r) {
  r.only({"given_name", "family_name", "birth_date", "estimated_age", "sex", "nationality", "languages",
          "migratory_status", "phone"});
  core::PersonDraft p;
  p.given_name = r.string("given_name", true);
  p.family_name = r.string("family_name");
  p.birth_date = r.string("birth_date");
  p.estimated_age = r.integer("estimated_age");
  p.sex = r.string("sex");
  p.nationality = r.string("nationality");
  p.languages = r.strings("languages");
  p.migratory_status = r.string("migratory_status");
  p.phone = r.string("phone");
  return p;
}

void as_case(const boost::json::object& o) {
  core::FieldErrors errors;
  FieldReader r(o, "", errors);
  r.only({"person", "territory_id", "specific_needs", "needs", "notes"});
  core::CaseDraft d;
  if (auto* person = r.object("person", true)) {
    FieldReader pr(*person, "person", errors);
    d.person = read_person(pr);
  }
  d.territory_id = r.string("territory_id", true);
  d.specific_needs = r.strings("specific_needs");
  d.notes = r.string("notes");
  if (auto* needs = r.array("needs")) {
    d.needs.emplace();
    for (std::size_t i = 0; i < needs->size(); ++i) {
      if (!(*needs)[i].is_object()) continue;
      FieldReader nr((*needs)[i].get_object(), "needs[" + std::to_string(i) + "]", errors);
      d.needs->push_back({nr.string("category", true), nr.string("urgency", true), nr.string("note")});
    }
  }
  auto made = core::make_case(d, kCategories, core::Date{std::chrono::days{20'000}});
  if (made && made->person.given_name.empty()) __builtin_trap();  // required, so never empty
}

void as_referral(const boost::json::object& o) {
  core::FieldErrors errors;
  FieldReader r(o, "", errors);
  core::ReferralDraft d;
  d.case_id = r.string("case_id", true);
  d.to_organization_id = r.string("to_organization_id", true);
  d.service_id = r.string("service_id");
  d.category = r.string("category", true);
  d.urgency = r.string("urgency", true);
  d.reason = r.string("reason");
  d.shared_fields = r.strings("shared_fields");
  d.respond_by = r.string("respond_by");
  d.status = r.string("status");
  d.legal_basis = r.string("legal_basis");
  d.justification = r.string("justification");
  (void)core::make_referral_request(d, kCategories, core::Timestamp{std::chrono::hours{480'000}});
}

void as_transition(const boost::json::object& o) {
  core::FieldErrors errors;
  FieldReader r(o, "", errors);
  r.only({"to", "reason_code", "reason", "outcome_code", "outcome"});
  core::TransitionInputDraft d{r.string("reason_code"), r.string("reason"), r.string("outcome_code"),
                               r.string("outcome")};
  (void)core::make_transition_input(d);
  if (auto pw = r.string("reason")) (void)core::check_password(*pw, "password");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gateway::Request req;
  req.headers.emplace_back("content-type", "application/json");
  req.body = std::string(text);
  auto parsed = gateway::parse_json_object(req, true);
  gateway::BodyError err;
  auto value = gateway::parse_strict_json(text, err);
  // The two entry points agree on what is valid JSON.
  if (value && value->is_object() && parsed.error) __builtin_trap();
  if (!parsed.object) return 0;
  as_case(*parsed.object);
  as_referral(*parsed.object);
  as_transition(*parsed.object);
  return 0;
}
