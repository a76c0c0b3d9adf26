// OpenAPI document: see openapi.hpp.
#include "gateway/openapi.hpp"

#include "gateway/api_schemas.hpp"

#include <boost/json.hpp>

#include <string>

namespace enlace::gateway {

namespace json = boost::json;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "POST /api/v1/cases/{id}/close" -> "postCasesIdClose": unique, stable, readable in clients.
std::string operation_id(const Route& r) {
  std::string id = lower(r.method);
  bool upper = true;
  std::string_view p = r.pattern;
  if (p.starts_with("/api/v1")) p.remove_prefix(7);
  for (char c : p) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

json::object reply_object(const Reply& reply) {
  json::object o{{"description", reply.status == 204 ? "Done; no body" : "Success"}};
  if (reply.status == 204) return o;
  json::object media;
  if (!reply.schema.empty())
    media["schema"] = {{"$ref", "#/components/schemas/" + reply.schema}};
  else if (reply.content_type.starts_with("text/"))
    media["schema"] = {{"type", "string"}};
  o["content"] = json::object{{reply.content_type, std::move(media)}};
  return o;
}

json::object operation(const Route& r, json::object& schemas) {
  json::object op;
  op["operationId"] = operation_id(r);
  op["summary"] = r.summary;
  op["tags"] = json::array{json::value(r.tag)};
  if (r.access == Access::open) op["security"] = json::array{};  // none needed
  // Signed in, or anyone when the deployment publishes it (hsds_public): {} = no credentials.
  if (r.access == Access::published)
    op["security"] = json::array{json::object{{"bearer", json::array{}}},
                                 json::object{{"cookie", json::array{}}}, json::object{}};
  json::array params;
  std::size_t i = 0;
  while ((i = r.pattern.find('{', i)) != std::string::npos) {
    auto j = r.pattern.find('}', i);
    params.push_back({{"name", r.pattern.substr(i + 1, j - i - 1)},
                      {"in", "path"},
                      {"required", true},
                      {"schema", {{"type", "string"}}}});
    i = j;
  }
  for (const auto& q : r.query)
    params.push_back({{"name", q.name},
                      {"in", "query"},
                      {"description", q.description},
                      {"schema", {{"type", q.type}}}});
  if (r.idempotent)
    params.push_back({{"name", "Idempotency-Key"},
                      {"in", "header"},
                      {"required", false},
                      {"description", "1-255 printable ASCII characters; a repeat within 24 hours "
                                      "gets the first answer (API.md, offline sync)"},
                      {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 255}}}});
  if (!params.empty()) op["parameters"] = std::move(params);
  if (!r.request_schema.empty()) {
    schemas[r.request_schema] = schema::body(r.request_fields);
    op["requestBody"] = {
        {"required", !r.request_optional},
        {"content",
         {{"application/json",
           {{"schema", {{"$ref", "#/components/schemas/" + r.request_schema}}}}}}}};
  }
  json::object responses;
  for (const auto& reply : r.replies) {
    // One status may come in several media types (JSON, or CSV with Accept: text/csv).
    auto& slot = responses[std::to_string(reply.status)];
    auto added = reply_object(reply);
    if (slot.is_object() && added.contains("content"))
      for (auto& kv : added.at("content").as_object())
        slot.as_object()["content"].as_object()[kv.key()] = kv.value();
    else
      slot = std::move(added);
  }
  if (r.replies.empty())  // not described yet: any JSON object
    responses["200"] = {{"description", "Success (body not described yet)"},
                        {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  // FHIR operations answer errors as an OperationOutcome (API.md, Interoperability).
  const bool fhir = !r.replies.empty() && r.replies.front().content_type == "application/fhir+json";
  const char* error = fhir ? "#/components/responses/FhirError" : "#/components/responses/Problem";
  responses["4XX"] = {{"$ref", error}};
  responses["5XX"] = {{"$ref", error}};
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

json::value openapi_document(const Router& router) {
  json::object schemas = reply_schemas();
  schemas["Problem"] = problem_schema();
  json::object paths;
  json::array tags;
  for (const auto& r : router.routes()) {
    bool known = false;
    for (const auto& t : tags) known = known || t.at("name") == json::value(r.tag);
    if (!known) tags.push_back({{"name", r.tag}, {"description", "Operations on " + r.tag}});
    auto& path_item = paths[r.pattern];
    if (!path_item.is_object()) path_item = json::object{};
    path_item.as_object()[lower(r.method)] = operation(r, schemas);
  }
  json::object problem_response{
      {"description", "An error, as RFC 9457 problem details"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  return json::object{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Enlace API"},
        {"version", "1"},
        {"description",
         "Case referrals between the organisations of a network that receives migrants and "
         "refugees. Errors are application/problem+json; lists page with limit and cursor."}}},
      {"servers", json::array{{{"url", "/"}}}},
      {"security", json::array{json::object{{"bearer", json::array{}}},
                               json::object{{"cookie", json::array{}}}}},
      {"tags", std::move(tags)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"responses",
         {{"Problem", std::move(problem_response)},
          {"FhirError",
           {{"description", "An error, as a FHIR OperationOutcome"},
            {"content",
             {{"application/fhir+json",
               {{"schema", {{"$ref", "#/components/schemas/FhirOperationOutcome"}}}}}}}}}}},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "enlace_session"}}}}}}}};
}

}  // namespace enlace::gateway
