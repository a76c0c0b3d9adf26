// JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) in a few words, for the document at
// /api/v1/openapi.json. Request bodies are described by the same field tables that
// FieldReader::only() checks (BodyField), so a key a handler accepts is a key the document
// names; replies by tables written next to their renderers (case_json.cpp, referral_json.cpp...).
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <span>
#include <string_view>

namespace enlace::gateway {

// One key of a request body, as the handler reads it.
struct BodyField {
  enum Kind { text, integer, number, boolean, texts, object, objects, any };
  std::string_view name;
  Kind kind = text;
  bool required = false;
  std::size_t max = 0;         // text: maxLength; texts/objects: maxItems; 0 = no limit stated
  bool nullable = false;       // PATCH bodies: null clears the value
  std::string_view one_of = {};  // text: the allowed words, separated by spaces
  std::span<const BodyField> fields = {};  // object/objects: the item's keys (none: free-form)
};
using BodyFields = std::span<const BodyField>;

namespace schema {

namespace bj = boost::json;

bj::value text(std::size_t max_len = 0);
bj::value date_time();
bj::value date();
bj::value integer();
bj::value number();
bj::value boolean();
bj::value words(std::initializer_list<std::string_view> values);  // a string enum
bj::value array(bj::value items, std::size_t max_items = 0);
bj::value ref(std::string_view component);
bj::value nullable(bj::value s);
bj::value any_object();  // an object whose keys are not (yet) described
bj::value any();

struct Prop {
  std::string_view name;
  bj::value schema;
  bool required = true;  // replies: a key the renderer always writes
};
// Replies are closed (additionalProperties: false) so that a key added to a renderer without
// its schema fails the tests that receive it.
bj::value object(std::initializer_list<Prop> props, bool closed = true);

// A request body from its field table: closed, as FieldReader::only() rejects other keys.
bj::value body(BodyFields fields);

// {"items": [item...], "next_cursor": string|null}: every paged list (handlers/common.hpp).
bj::value page_of(std::string_view item_component);

}  // namespace schema
}  // namespace enlace::gateway
