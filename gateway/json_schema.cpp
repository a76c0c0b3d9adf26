// JSON Schema building blocks: see json_schema.hpp.
#include "gateway/json_schema.hpp"

#include <boost/json.hpp>

#include <string>

namespace enlace::gateway::schema {

bj::value text(std::size_t max_len) {
  bj::object o{{"type", "string"}};
  if (max_len) o["maxLength"] = max_len;
  return o;
}
bj::value date_time() { return {{"type", "string"}, {"format", "date-time"}}; }
bj::value date() { return {{"type", "string"}, {"format", "date"}}; }
bj::value integer() { return {{"type", "integer"}}; }
bj::value number() { return {{"type", "number"}}; }
bj::value boolean() { return {{"type", "boolean"}}; }

bj::value words(std::initializer_list<std::string_view> values) {
  bj::array a;
  for (auto v : values) a.emplace_back(v);
  return {{"type", "string"}, {"enum", std::move(a)}};
}

bj::value array(bj::value items, std::size_t max_items) {
  bj::object o{{"type", "array"}, {"items", std::move(items)}};
  if (max_items) o["maxItems"] = max_items;
  return o;
}

bj::value ref(std::string_view component) {
  return {{"$ref", "#/components/schemas/" + std::string(component)}};
}

bj::value nullable(bj::value s) {
  auto& o = s.as_object();
  // A plain type widens to [type, "null"]; anything else ($ref, enum) goes under anyOf.
  if (o.size() <= 2 && o.contains("type") && o.at("type").is_string() && !o.contains("enum") &&
      !o.contains("items")) {
    o["type"] = bj::array{o.at("type"), "null"};
    return s;
  }
  if (o.size() == 2 && o.contains("type") && o.contains("enum")) {
    o["type"] = bj::array{o.at("type"), "null"};
    o["enum"].as_array().emplace_back(nullptr);
    return s;
  }
  return {{"anyOf", bj::array{std::move(s), {{"type", "null"}}}}};
}

bj::value any_object() { return {{"type", "object"}}; }
bj::value any() { return bj::object{}; }

bj::value object(std::initializer_list<Prop> props, bool closed) {
  bj::object properties;
  bj::array required;
  for (const auto& p : props) {
    properties[p.name] = p.schema;
    if (p.required) required.emplace_back(p.name);
  }
  bj::object o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  if (closed) o["additionalProperties"] = false;
  return o;
}

namespace {

bj::value field_schema(const BodyField& f) {
  bj::value s;
  switch (f.kind) {
    case BodyField::text:
      if (f.one_of.empty()) {
        s = text(f.max);
      } else {
        bj::array a;
        for (std::size_t i = 0; i < f.one_of.size();) {
          auto j = f.one_of.find(' ', i);
          if (j == std::string_view::npos) j = f.one_of.size();
          a.emplace_back(f.one_of.substr(i, j - i));
          i = j + 1;
        }
        s = {{"type", "string"}, {"enum", std::move(a)}};
      }
      break;
    case BodyField::integer: s = integer(); break;
    case BodyField::number: s = number(); break;
    case BodyField::boolean: s = boolean(); break;
    case BodyField::texts: s = array(text(), f.max); break;
    case BodyField::object: s = f.fields.empty() ? any_object() : body(f.fields); break;
    case BodyField::objects: s = array(f.fields.empty() ? any_object() : body(f.fields), f.max); break;
    case BodyField::any: s = any(); break;
  }
  return f.nullable ? nullable(std::move(s)) : s;
}

}  // namespace

bj::value body(BodyFields fields) {
  bj::object properties;
  bj::array required;
  for (const auto& f : fields) {
    properties[f.name] = field_schema(f);
    if (f.required) required.emplace_back(f.name);
  }
  bj::object o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  o["additionalProperties"] = false;
  return o;
}

bj::value page_of(std::string_view item_component) {
  return object({{"items", array(ref(item_component))}, {"next_cursor", nullable(text())}});
}

}  // namespace enlace::gateway::schema
