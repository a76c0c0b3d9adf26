// HL7 FHIR R4 views of Enlace's records (the Gravity SDOH referral pattern): a referral as a
// Task with a contained ServiceRequest and Patient, the CapabilityStatement, searchset Bundles
// and OperationOutcomes. Pure renderers: what a Task holds is what the referral record given
// holds, which storage already cut to the caller's side (the receiver's has no case id).
#pragma once

#include "core/referral_record.hpp"
#include "core/time.hpp"
#include "gateway/http_types.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway {

inline constexpr const char* kFhirJson = "application/fhir+json";

// Enlace's own code systems (reason, outcome, category codes, task inputs).
inline constexpr const char* kFhirReasonSystem = "urn:enlace:fhir:CodeSystem:rejection-reason";
inline constexpr const char* kFhirOutcomeSystem = "urn:enlace:fhir:CodeSystem:referral-outcome";
inline constexpr const char* kFhirCategorySystem = "urn:enlace:fhir:CodeSystem:service-category";
inline constexpr const char* kFhirInputSystem = "urn:enlace:fhir:CodeSystem:task-input";
inline constexpr const char* kFhirSpecificNeedSystem = "urn:enlace:fhir:CodeSystem:specific-need";

// The codes of R4's required value sets that Enlace writes (the JSON schema leaves them bare).
extern const std::vector<std::string_view> kFhirTaskStatusCodes;     // task-status
extern const std::vector<std::string_view> kFhirRequestPriorityCodes;  // request-priority
extern const std::vector<std::string_view> kFhirServiceRequestStatusCodes;  // request-status

std::string_view fhir_priority(core::Urgency u);
std::string_view fhir_service_request_status(core::Status s);

// Organisation id -> name, for the display of requester and owner.
using OrganizationNames = std::map<std::string, std::string>;

boost::json::object fhir_task(const core::ReferralRecord& r, const OrganizationNames& names);

// What this server does: Task read and search, JSON only.
boost::json::object fhir_capability_statement(core::Timestamp now, std::string_view version);

// A searchset Bundle of Tasks; `next_url` empty on the last page; `base` is the server's FHIR
// base URL ending in '/' (each entry's fullUrl is base + "Task/{id}").
boost::json::object fhir_searchset(std::vector<boost::json::object> tasks,
                                   const std::string& self_url, const std::string& next_url,
                                   const std::string& base);

// An OperationOutcome for an HTTP error: one issue per field error (its FHIRPath-like
// `expression` is the parameter), else one issue with `detail`.
struct FhirIssue {
  std::string expression, diagnostics;
};
boost::json::object fhir_operation_outcome(int status, const std::string& detail,
                                           const std::vector<FhirIssue>& issues);

// A problem+json reply turned into the same status with an OperationOutcome; anything else
// keeps its body and gets FHIR's content type when it is JSON.
Response as_fhir_response(Response res);

// Paths that answer in FHIR.
bool is_fhir_path(std::string_view path);

// The client's Accept or _format asks for a format other than JSON (406 then, as FHIR's http
// page says for a format the server does not support).
bool fhir_format_refused(const Request& req);

}  // namespace enlace::gateway
