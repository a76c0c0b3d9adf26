// HL7 FHIR R4 (API.md, Interoperability): the CapabilityStatement, and referrals as Tasks read
// and searched. A renderer over the JSON API's own reads (referral_reads.hpp): the same
// scoping, the same audit events, and a read never marks a referral received. Errors leave
// here as problem+json; the dispatcher turns them into OperationOutcomes (as_fhir_response).
#include "core/instant_range.hpp"
#include "core/referral_status.hpp"
#include "core/use_cases/organizations.hpp"
#include "gateway/api_schemas.hpp"
#include "gateway/app.hpp"
#include "gateway/db_await.hpp"
#include "gateway/directory_ports.hpp"
#include "gateway/fhir_resources.hpp"
#include "gateway/handlers/case_audit.hpp"
#include "gateway/handlers/common.hpp"
#include "gateway/handlers/paging.hpp"
#include "gateway/handlers/referral_reads.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/percent_encode.hpp"
#include "gateway/responses.hpp"
#include "gateway/routes.hpp"
#include "gateway/version.hpp"

#include <charconv>
#include <set>

namespace enlace::gateway {

namespace bj = boost::json;
namespace asio = boost::asio;

namespace {

constexpr int kDefaultCount = 50;
constexpr int kMaxCount = 500;  // as the JSON API's lists

Response not_acceptable(const Request& req) {
  return problem(req, 406, "not-acceptable", "Not acceptable",
                 "This server answers in FHIR JSON only (application/fhir+json).");
}

// The requester's and owner's names: organisation names are directory data, not personal.
asio::awaitable<OrganizationNames> organization_names(Request& req, std::set<std::string> ids) {
  auto read = directory_read(
      [ids = std::move(ids)](core::DirectoryReader& reader) -> core::Result<OrganizationNames> {
        OrganizationNames names;
        for (const auto& id : ids)
          if (auto o = core::read_organization(reader, id)) names.emplace(id, o->organization.name);
        return names;
      });
  auto names = co_await db_read(req.app->db, std::move(read));
  co_return names ? std::move(*names) : OrganizationNames{};
}

// The server's FHIR base as the client reached it, for fullUrl and links; relative when the
// Host header is missing or not a plain host[:port].
std::string fhir_base(const Request& req) {
  auto host = req.header("host");
  bool plain = host && !host->empty() && host->size() <= 255;
  if (plain)
    for (char c : *host)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
          c != '[' && c != ']')
        plain = false;
  if (!plain) return "/fhir/r4/";
  return std::string(req.https ? "https://" : "http://") + std::string(*host) + "/fhir/r4/";
}

// The search's own parameters, percent-encoded, without the cursor (links add their own).
std::string search_query(const Request& req) {
  std::string q;
  for (const auto& [name, value] : req.query) {
    if (name == "_cursor") continue;
    q += (q.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
  }
  return q;
}

// "Organization/{id}" or "{id}".
std::optional<std::string> organization_id(std::string_view v) {
  if (v.rfind("Organization/", 0) == 0) v.remove_prefix(13);
  if (v.empty() || v.size() > 64 || v.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(v);
}

core::Result<core::ReferralSearch> read_task_search(const Request& req) {
  core::ReferralSearch s;
  s.count = kDefaultCount;
  core::FieldErrors errors;
  core::InstantRange updated;
  std::set<std::string> seen;
  for (const auto& [name, value] : req.query) {
    // Repeating a parameter means "and" in FHIR; only _lastUpdated is worth it here.
    if (name != "_lastUpdated" && !seen.insert(name).second) {
      errors.add(name, "is given twice");
      continue;
    }
    if (name == "status") {
      if (!core::parse_status(value)) errors.add(name, "is not a Task status Enlace uses");
      else s.filters.status = value;
    } else if (name == "owner" || name == "requester") {
      auto id = organization_id(value);
      if (!id) errors.add(name, "must be Organization/{id}");
      // The owner is the receiver, the requester the sender.
      else (name == "owner" ? s.filters.to_org : s.filters.from_org) = *id;
    } else if (name == "_lastUpdated") {
      auto narrowed = core::narrow_instant_range(updated, value);
      if (!narrowed) errors.append(narrowed.error().fields);
      else updated = *narrowed;
    } else if (name == "_count") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc::result_out_of_range && !value.empty() && value[0] != '-') n = kMaxCount;
      else if (ec != std::errc() || p != value.data() + value.size() || n < 1) {
        errors.add(name, "must be a whole number from 1");
        continue;
      }
      // FHIR lets a server return fewer than asked for, never more.
      s.count = std::min(n, kMaxCount);
    } else if (name == "_cursor") {
      auto key = decode_cursor(value);
      auto after = key ? core::SearchPosition::parse(*key) : std::nullopt;
      if (!after) errors.add(name, "is not a cursor this server gave out");
      else s.after = *after;
    } else if (name != "_format") {
      // Strict: a filter silently ignored would answer a different question.
      errors.add(name, "is not a search parameter of Task here");
    }
  }
  if (!errors.empty())
    return core::Error::invalid(std::move(errors), "The search has parameters Enlace cannot use.");
  s.filters.updated_from = updated.from;
  s.filters.updated_before = updated.before;
  return s;
}

asio::awaitable<Response> get_metadata(Request& req) {
  if (fhir_format_refused(req)) co_return not_acceptable(req);
  co_return json(200, fhir_capability_statement(req.now, kEnlaceVersion));
}

asio::awaitable<Response> get_task(Request& req) {
  if (fhir_format_refused(req)) co_return not_acceptable(req);
  std::string id = req.param("id");
  auto outcome = co_await read_one_referral(req, std::move(id));
  if (outcome.refusal) co_return std::move(*outcome.refusal);
  const core::ReferralRecord& r = outcome.read->referral;
  std::set<std::string> orgs{r.from_org, r.to_org};
  auto names = co_await organization_names(req, std::move(orgs));
  auto res = json(200, fhir_task(r, names), true);
  // FHIR's version ETag is weak and names Task.meta.versionId.
  res.set("ETag", "W/\"" + std::to_string(r.version) + "\"");
  co_return res;
}

asio::awaitable<Response> search_tasks(Request& req) {
  if (fhir_format_refused(req)) co_return not_acceptable(req);
  auto search = read_task_search(req);
  if (!search) co_return problem(req, 400, search.error());
  auto outcome = co_await search_referral_page(req, std::move(*search));
  if (outcome.refusal) co_return std::move(*outcome.refusal);
  const core::ReferralPage& found = *outcome.page;

  const std::size_t shown = found.shown.size();
  std::set<std::string> orgs;
  for (std::size_t i = 0; i < shown; ++i) {
    orgs.insert(found.rows[i].referral.from_org);
    orgs.insert(found.rows[i].referral.to_org);
  }
  auto names = co_await organization_names(req, std::move(orgs));
  std::vector<bj::object> tasks;
  tasks.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) tasks.push_back(fhir_task(found.rows[i].referral, names));

  const std::string base = fhir_base(req);
  const std::string query = search_query(req);
  auto link = [&](std::optional<std::string_view> cursor) {
    std::string url = base + "Task";
    if (!query.empty()) url += "?" + query;
    if (cursor) url += (query.empty() ? "?_cursor=" : "&_cursor=") + percent_encode(*cursor);
    return url;
  };
  std::string self = link(req.query_param("_cursor"));
  std::string next;
  if (found.next) next = link(encode_cursor(*found.next));
  co_return json(200, fhir_searchset(std::move(tasks), self, next, base), true);
}

}  // namespace

void add_fhir_routes(Router& r) {
  r.add({"GET", "/fhir/r4/metadata", Access::open, get_metadata,
         "HL7 FHIR R4 CapabilityStatement: Task read and search, JSON (application/fhir+json)",
         "fhir"})
      .gives(200, "FhirCapabilityStatement", "application/fhir+json");
  r.add({"GET", "/fhir/r4/Task", Access::signed_in, search_tasks,
         "Referrals as a FHIR searchset Bundle of Tasks: status, _lastUpdated (eq, gt, ge, lt, "
         "le), owner, requester (Organization/{id}), _count; the next link carries the cursor",
         "fhir"})
      .param("status", "The referral's state")
      .param("_lastUpdated", "eq, gt, ge, lt or le and an instant")
      .param("owner", "Organization/{id}")
      .param("requester", "Organization/{id}")
      .param("_count", "Page size", "integer")
      .param("_cursor", "From the Bundle's next link")
      .gives(200, "FhirBundle", "application/fhir+json");
  r.add({"GET", "/fhir/r4/Task/{id}", Access::signed_in, get_task,
         "A referral as a FHIR Task with a contained ServiceRequest and Patient (the receiver "
         "sees the snapshot only); audited like GET /api/v1/referrals/{id}",
         "fhir"})
      .gives(200, "FhirTask", "application/fhir+json");
}

}  // namespace enlace::gateway

namespace enlace::gateway {

// FHIR resources are declared as FHIR JSON objects of their resourceType: each is validated
// against the official FHIR R4 JSON schema by the FHIR suites (tests/contract/schemas/fhir-r4/).
boost::json::object fhir_schemas() {
  auto resource = [](std::string_view type) {
    return bj::value{{"type", "object"},
                     {"description", "An HL7 FHIR R4 " + std::string(type) +
                                         " (http://hl7.org/fhir/R4/" + std::string(type) + ")"},
                     {"properties", {{"resourceType", {{"const", type}}}}},
                     {"required", bj::array{"resourceType"}}};
  };
  bj::object o;
  o["FhirCapabilityStatement"] = resource("CapabilityStatement");
  o["FhirBundle"] = resource("Bundle");
  o["FhirTask"] = resource("Task");
  o["FhirOperationOutcome"] = resource("OperationOutcome");
  return o;
}

}  // namespace enlace::gateway
