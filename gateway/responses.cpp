// Responses and problem+json: see responses.hpp.
#include "gateway/responses.hpp"

#include "gateway/api_schemas.hpp"
#include "gateway/json_schema.hpp"
#include "gateway/log.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

namespace json_ns = boost::json;

int status_for(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::invalid: return 422;
    case core::ErrorCode::not_found: return 404;
    case core::ErrorCode::forbidden: return 403;
    case core::ErrorCode::conflict: return 409;
    case core::ErrorCode::stale: return 412;
    case core::ErrorCode::busy: return 503;
    case core::ErrorCode::internal: return 500;
  }
  return 500;
}

namespace {
const char* default_type(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::invalid: return "validation";
    case core::ErrorCode::not_found: return "not-found";
    case core::ErrorCode::forbidden: return "forbidden";
    case core::ErrorCode::conflict: return "conflict";
    case core::ErrorCode::stale: return "stale-version";
    case core::ErrorCode::busy: return "busy";
    case core::ErrorCode::internal: return "internal";
  }
  return "internal";
}

const char* title_for(int status) {
  switch (status) {
    case 400: return "Malformed request";
    case 401: return "Not signed in";
    case 403: return "Not allowed";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflicting state";
    case 412: return "Stale version";
    case 413: return "Request body too large";
    case 415: return "Unsupported content type";
    case 422: return "Invalid request";
    case 429: return "Too many requests";
    case 500: return "Internal error";
    case 503: return "Service unavailable";
  }
  return "Error";
}

}  // namespace

json_ns::value problem_schema() {
  namespace s = schema;
  // Open: a problem type may add members (RFC 9457, section 3.2).
  return s::object({{"type", s::text()},
                    {"title", s::text()},
                    {"status", s::integer()},
                    {"detail", s::text()},
                    {"request_id", s::text(), false},
                    {"errors",
                     s::array(s::object({{"field", s::text()}, {"message", s::text()}})),
                     false}},
                   false);
}

namespace {

Response make_problem(const Request& req, int status, const std::string& type, std::string title,
                      std::string detail, const core::FieldErrors* fields) {
  json_ns::object o;
  o["type"] = "/problems/" + type;
  o["title"] = title.empty() ? title_for(status) : title;
  o["status"] = status;
  o["detail"] = std::move(detail);
  if (status >= 500) o["request_id"] = req.request_id;  // so a user can quote it
  if (fields && !fields->empty()) {
    json_ns::array errors;
    for (const auto& f : fields->items()) errors.push_back({{"field", f.field}, {"message", f.message}});
    o["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json_ns::serialize(o);
  return r;
}
}  // namespace

Response problem(const Request& req, const core::Error& error) {
  int status = status_for(error.code);
  std::string type = error.type.empty() ? default_type(error.code) : error.type;
  auto r = make_problem(req, status, type, "", error.detail, &error.fields);
  // The cause (a SQLite message, which sealed column would not open) goes to the log beside
  // the request id the client was given, never to the client.
  if (!error.cause.empty() || status >= 500)
    log_event(status >= 500 ? LogLevel::error : LogLevel::warn, "request_failed",
              {{"request_id", req.request_id}, {"route", req.route}, {"status", status},
               {"type", type}, {"cause", error.cause}});
  // Busy is momentary (a full queue, a locked database): say when to come back.
  if (error.code == core::ErrorCode::busy) r.set("Retry-After", "1");
  return r;
}

Response problem(const Request& req, int status, const core::Error& error) {
  std::string type = error.type.empty() ? default_type(error.code) : error.type;
  return make_problem(req, status, type, "", error.detail, &error.fields);
}

Response problem(const Request& req, int status, std::string type, std::string title,
                 std::string detail) {
  return make_problem(req, status, type, std::move(title), std::move(detail), nullptr);
}

Response json(int status, const json_ns::value& body, bool personal_data) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json_ns::serialize(body);
  r.personal_data = personal_data;
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace enlace::gateway
