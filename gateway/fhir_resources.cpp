// FHIR R4 renderers: see fhir_resources.hpp.
#include "gateway/fhir_resources.hpp"

#include "core/referral_status.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace enlace::gateway {

namespace bj = boost::json;

const std::vector<std::string_view> kFhirTaskStatusCodes = {
    "draft",     "requested",   "received", "accepted",  "rejected",  "ready",
    "cancelled", "in-progress", "on-hold",  "failed",    "completed", "entered-in-error"};
const std::vector<std::string_view> kFhirRequestPriorityCodes = {"routine", "urgent", "asap",
                                                                 "stat"};
const std::vector<std::string_view> kFhirServiceRequestStatusCodes = {
    "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"};

std::string_view fhir_priority(core::Urgency u) {
  switch (u) {
    case core::Urgency::emergency: return "stat";
    case core::Urgency::high: return "urgent";
    case core::Urgency::normal: return "routine";
  }
  return "routine";
}

// The request stays active while the referral is open; it ends revoked when no service came of
// it (rejected, cancelled, failed) and completed when the service was given.
std::string_view fhir_service_request_status(core::Status s) {
  switch (s) {
    case core::Status::draft: return "draft";
    case core::Status::on_hold: return "on-hold";
    case core::Status::completed: return "completed";
    case core::Status::rejected:
    case core::Status::cancelled:
    case core::Status::failed: return "revoked";
    case core::Status::requested:
    case core::Status::received:
    case core::Status::accepted:
    case core::Status::in_progress: return "active";
  }
  return "unknown";
}

namespace {

bj::object coding(std::string_view system, std::string_view code) {
  return bj::object{{"system", system}, {"code", code}};
}

bj::object concept_of(std::string_view system, std::string_view code) {
  return bj::object{{"coding", bj::array{coding(system, code)}}};
}

bj::object organization_ref(const std::string& id, const OrganizationNames& names) {
  bj::object o{{"reference", "Organization/" + id}};
  if (auto n = names.find(id); n != names.end()) o["display"] = n->second;
  return o;
}

const bj::string* text_at(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? &it->value().as_string() : nullptr;
}

// The person as the snapshot has them: only the fields the sender chose to share.
bj::object patient(const bj::object& shared) {
  bj::object p{{"resourceType", "Patient"}, {"id", "patient"}};
  bj::array extensions;
  const auto* given = text_at(shared, "given_name");
  const auto* family = text_at(shared, "family_name");
  if (given || family) {
    bj::object name;
    if (family) name["family"] = *family;
    if (given) name["given"] = bj::array{bj::value(*given)};
    p["name"] = bj::array{std::move(name)};
  }
  if (const auto* phone = text_at(shared, "phone"))
    p["telecom"] = bj::array{bj::object{{"system", "phone"}, {"value", *phone}}};
  // Enlace's sexes are FHIR's administrative genders, word for word.
  if (const auto* sex = text_at(shared, "sex")) p["gender"] = *sex;
  if (const auto* birth = text_at(shared, "birth_date")) p["birthDate"] = *birth;
  if (auto age = shared.find("estimated_age"); age != shared.end() && age->value().is_int64())
    extensions.push_back(bj::object{
        {"url", "urn:enlace:fhir:StructureDefinition:estimated-age"},
        {"valueAge", {{"value", age->value().as_int64()},
                      {"unit", "a"},
                      {"system", "http://unitsofmeasure.org"},
                      {"code", "a"}}}});
  if (const auto* nationality = text_at(shared, "nationality"))
    extensions.push_back(bj::object{
        {"url", "http://hl7.org/fhir/StructureDefinition/patient-nationality"},
        {"extension",
         bj::array{bj::object{{"url", "code"},
                              {"valueCodeableConcept",
                               concept_of("urn:iso:std:iso:3166", *nationality)}}}}});
  if (auto langs = shared.find("languages"); langs != shared.end() && langs->value().is_array()) {
    bj::array communication;
    for (const auto& l : langs->value().as_array())
      if (l.is_string())
        communication.push_back(
            bj::object{{"language", concept_of("urn:ietf:bcp:47", l.as_string())}});
    if (!communication.empty()) p["communication"] = std::move(communication);
  }
  if (!extensions.empty()) p["extension"] = std::move(extensions);
  return p;
}

// The snapshot's needs and specific needs go with the Task as inputs.
bj::array inputs(const bj::object& shared) {
  bj::array out;
  if (auto needs = shared.find("needs"); needs != shared.end() && needs->value().is_array()) {
    for (const auto& n : needs->value().as_array()) {
      if (!n.is_object()) continue;
      const auto& need = n.as_object();
      const auto* category = text_at(need, "category");
      if (!category) continue;
      bj::object value = concept_of(kFhirCategorySystem, *category);
      if (const auto* note = text_at(need, "note"); note && !note->empty()) value["text"] = *note;
      bj::object input{{"type", concept_of(kFhirInputSystem, "need")},
                       {"valueCodeableConcept", std::move(value)}};
      if (const auto* urgency = text_at(need, "urgency"))
        input["extension"] = bj::array{bj::object{
            {"url", "urn:enlace:fhir:StructureDefinition:need-urgency"}, {"valueCode", *urgency}}};
      out.push_back(std::move(input));
    }
  }
  if (auto specific = shared.find("specific_needs");
      specific != shared.end() && specific->value().is_array()) {
    for (const auto& s : specific->value().as_array())
      if (s.is_string())
        out.push_back(bj::object{
            {"type", concept_of(kFhirInputSystem, "specific-need")},
            {"valueCodeableConcept", concept_of(kFhirSpecificNeedSystem, s.as_string())}});
  }
  return out;
}

bj::object service_request(const core::ReferralRecord& r, const OrganizationNames& names) {
  bj::object sr{{"resourceType", "ServiceRequest"},
                {"id", "service-request"},
                {"status", fhir_service_request_status(r.status)},
                {"intent", "order"},
                {"category", bj::array{concept_of(kFhirCategorySystem, r.category)}},
                {"code", concept_of(kFhirCategorySystem, r.category)},
                {"priority", fhir_priority(r.urgency)},
                {"subject", {{"reference", "#patient"}}},
                {"authoredOn", core::format_timestamp(r.requested_at.value_or(r.created_at))},
                {"requester", organization_ref(r.from_org, names)},
                {"performer", bj::array{organization_ref(r.to_org, names)}}};
  if (!r.reason.empty()) sr["reasonCode"] = bj::array{bj::object{{"text", r.reason}}};
  return sr;
}

}  // namespace

bj::object fhir_task(const core::ReferralRecord& r, const OrganizationNames& names) {
  bj::object shared;
  if (r.snapshot) {
    boost::system::error_code ec;
    auto parsed = bj::parse(*r.snapshot, ec);
    if (!ec && parsed.is_object()) shared = std::move(parsed.as_object());
  }
  bj::object t{{"resourceType", "Task"},
               {"id", r.id},
               {"meta",
                {{"versionId", std::to_string(r.version)},
                 {"lastUpdated", core::format_timestamp(r.updated_at)}}},
               {"contained", bj::array{service_request(r, names), patient(shared)}},
               {"status", core::to_string(r.status)}};
  if (r.reason_code) t["statusReason"] = concept_of(kFhirReasonSystem, *r.reason_code);
  t["intent"] = "order";
  t["priority"] = fhir_priority(r.urgency);
  t["code"] = concept_of("http://hl7.org/fhir/CodeSystem/task-code", "fulfill");
  t["focus"] = {{"reference", "#service-request"}};
  t["for"] = {{"reference", "#patient"}};
  t["authoredOn"] = core::format_timestamp(r.created_at);
  t["lastModified"] = core::format_timestamp(r.updated_at);
  t["requester"] = organization_ref(r.from_org, names);
  t["owner"] = organization_ref(r.to_org, names);
  // The deadline the Task is held to: once accepted, outcome_by (the service is due by then);
  // before, respond_by (an answer is due). The same deadlines the listings' overdue order uses.
  if (auto end = r.outcome_by ? r.outcome_by : r.respond_by)
    t["restriction"] = {{"period", {{"end", core::format_timestamp(*end)}}}};
  auto in = inputs(shared);
  if (!in.empty()) t["input"] = std::move(in);
  if (r.outcome_code) {
    bj::object value = concept_of(kFhirOutcomeSystem, *r.outcome_code);
    if (r.outcome && !r.outcome->empty()) value["text"] = *r.outcome;
    t["output"] = bj::array{bj::object{{"type", concept_of(kFhirInputSystem, "outcome")},
                                       {"valueCodeableConcept", std::move(value)}}};
  }
  return t;
}

bj::object fhir_capability_statement(core::Timestamp now, std::string_view version) {
  auto param = [](std::string_view name, std::string_view type, std::string_view doc) {
    return bj::object{{"name", name}, {"type", type}, {"documentation", doc}};
  };
  bj::array params{
      param("status", "token", "The referral's state (one Task.status code)"),
      param("_lastUpdated", "date",
            "When the referral last changed; prefixes eq, gt, ge, lt, le; repeat to bound both "
            "ends"),
      param("owner", "reference", "Organization/{id} that receives the referral"),
      param("requester", "reference", "Organization/{id} that sent the referral"),
      param("_count", "number", "Tasks per page, 1 to 500 (default 50; more is served as 500)")};
  bj::object task{{"type", "Task"},
                  {"interaction", bj::array{bj::object{{"code", "read"}},
                                            bj::object{{"code", "search-type"}}}},
                  {"searchParam", std::move(params)}};
  return bj::object{
      {"resourceType", "CapabilityStatement"},
      {"status", "active"},
      {"date", core::format_timestamp(now)},
      {"publisher", "Enlace"},
      {"kind", "instance"},
      {"software", {{"name", "Enlace"}, {"version", version}}},
      {"implementation", {{"description", "Enlace case referrals as Tasks (read and search)"}}},
      {"fhirVersion", "4.0.1"},
      {"format", bj::array{"json"}},
      {"rest",
       bj::array{bj::object{
           {"mode", "server"},
           {"security",
            {{"description",
              "A bearer token from POST /api/v1/auth/login, or the enlace_session cookie; a "
              "reader sees the referrals of their organisation only, the receiver only the "
              "shared snapshot"}}},
           {"resource", bj::array{std::move(task)}}}}}};
}

bj::object fhir_searchset(std::vector<bj::object> tasks, const std::string& self_url,
                          const std::string& next_url, const std::string& base) {
  bj::array links{bj::object{{"relation", "self"}, {"url", self_url}}};
  if (!next_url.empty()) links.push_back(bj::object{{"relation", "next"}, {"url", next_url}});
  bj::array entries;
  for (auto& t : tasks) {
    std::string full = base + "Task/" + std::string(t.at("id").as_string());
    entries.push_back(bj::object{{"fullUrl", std::move(full)},
                                 {"resource", std::move(t)},
                                 {"search", {{"mode", "match"}}}});
  }
  bj::object b{{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", std::move(links)}};
  if (!entries.empty()) b["entry"] = std::move(entries);
  return b;
}

namespace {

std::string_view issue_code(int status) {
  switch (status) {
    case 400: return "invalid";
    case 401: return "login";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405:
    case 406:
    case 415: return "not-supported";
    case 409: return "conflict";
    case 412: return "conflict";
    case 413: return "too-long";
    case 429: return "throttled";
    case 503: return "transient";
  }
  return status >= 500 ? "exception" : "processing";
}

}  // namespace

bj::object fhir_operation_outcome(int status, const std::string& detail,
                                  const std::vector<FhirIssue>& issues) {
  bj::array out;
  for (const auto& i : issues) {
    bj::object issue{{"severity", "error"}, {"code", issue_code(status)}};
    if (!i.diagnostics.empty()) issue["diagnostics"] = i.diagnostics;
    if (!i.expression.empty()) issue["expression"] = bj::array{bj::value(i.expression)};
    out.push_back(std::move(issue));
  }
  if (out.empty()) {
    bj::object issue{{"severity", "error"}, {"code", issue_code(status)}};
    if (!detail.empty()) issue["diagnostics"] = detail;
    out.push_back(std::move(issue));
  }
  return bj::object{{"resourceType", "OperationOutcome"}, {"issue", std::move(out)}};
}

Response as_fhir_response(Response res) {
  if (res.content_type == "application/problem+json") {
    boost::system::error_code ec;
    auto parsed = bj::parse(res.body, ec);
    std::string detail;
    std::vector<FhirIssue> issues;
    if (!ec && parsed.is_object()) {
      const auto& p = parsed.as_object();
      if (const auto* d = text_at(p, "detail")) detail = std::string(*d);
      if (const auto* t = text_at(p, "title"); detail.empty() && t) detail = std::string(*t);
      if (auto e = p.find("errors"); e != p.end() && e->value().is_array())
        for (const auto& item : e->value().as_array()) {
          if (!item.is_object()) continue;
          const auto* field = text_at(item.as_object(), "field");
          const auto* message = text_at(item.as_object(), "message");
          FhirIssue i;
          if (field) i.expression = std::string(*field);
          i.diagnostics = (field ? std::string(*field) + " " : "") +
                          (message ? std::string(*message) : std::string());
          issues.push_back(std::move(i));
        }
      if (auto id = p.find("request_id"); id != p.end() && id->value().is_string())
        detail += " (request " + std::string(id->value().as_string()) + ")";
    }
    res.body = bj::serialize(fhir_operation_outcome(res.status, detail, issues));
    res.content_type = kFhirJson;
  } else if (res.content_type == "application/json") {
    res.content_type = kFhirJson;
  }
  return res;
}

bool is_fhir_path(std::string_view path) {
  return path == "/fhir" || path.rfind("/fhir/", 0) == 0;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool json_type(std::string_view media) {
  auto m = lower(trim(media.substr(0, media.find(';'))));
  return m == "application/fhir+json" || m == "application/json+fhir" ||
         m == "application/json" || m == "json" || m == "*/*" || m == "application/*";
}

}  // namespace

bool fhir_format_refused(const Request& req) {
  // _format overrides Accept (FHIR http, "Content Types and encodings").
  if (auto f = req.query_param("_format")) return !json_type(*f);
  auto accept = req.header("accept");
  if (!accept || trim(*accept).empty()) return false;
  std::string_view rest = *accept;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    if (json_type(rest.substr(0, comma))) return false;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return true;
}

}  // namespace enlace::gateway
