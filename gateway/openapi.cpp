// OpenAPI document: see openapi.hpp.
#include "gateway/openapi.hpp"

#include <boost/json.hpp>

namespace enlace::gateway {

namespace json = boost::json;

json::value openapi_document(const Router& router) {
  json::object paths;
  for (const auto& r : router.routes()) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::object op;
    op["summary"] = r.summary;
    op["tags"] = json::array{json::value(r.tag)};
    if (r.access != Access::open)
      op["security"] = json::array{json::object{{"bearer", json::array{}}},
                                   json::object{{"cookie", json::array{}}}};
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
    if (r.idempotent)
      params.push_back({{"name", "Idempotency-Key"},
                        {"in", "header"},
                        {"required", false},
                        {"description", "1-255 printable ASCII characters; a repeat within 24 hours "
                                        "gets the first answer (API.md, offline sync)"},
                        {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 255}}}});
    if (!params.empty()) op["parameters"] = std::move(params);
    op["responses"] = {{"default", {{"description", "See API.md; errors are application/problem+json"}}}};
    auto& path_item = paths[r.pattern];
    if (!path_item.is_object()) path_item = json::object{};
    path_item.as_object()[method] = std::move(op);
  }
  return json::object{
      {"openapi", "3.1.0"},
      {"info", {{"title", "Enlace API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "enlace_session"}}}}}}}};
}

}  // namespace enlace::gateway
