// Reading JSON request bodies: content type (415), syntax and duplicate keys (400), then typed
// field access that collects every field error at once (422 naming each field).
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"
#include "gateway/json_schema.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway {

// A gateway-level failure that is not a core::Error: carries its own HTTP status.
struct BodyError {
  int status;        // 400 or 415 (422 travels as core::Error)
  std::string type;  // problem slug
  std::string detail;
};

// Parses text into a value: strict JSON, nesting at most 32 levels, no duplicate keys.
// Returns nullopt and sets `err` on failure.
std::optional<boost::json::value> parse_strict_json(std::string_view text, BodyError& err);

// The request body as a JSON object. An empty body counts as {} when `empty_ok`.
struct ParsedBody {
  std::optional<boost::json::object> object;
  std::optional<BodyError> error;
};
ParsedBody parse_json_object(const Request& req, bool empty_ok = false);

// Typed access to one object's fields; errors name the field with `prefix`.
class FieldReader {
 public:
  FieldReader(const boost::json::object& o, std::string prefix, core::FieldErrors& errors)
      : o_(o), prefix_(std::move(prefix)), errors_(errors) {}

  // Unknown keys are errors: clients learn of typos instead of silently losing data.
  void only(std::initializer_list<std::string_view> keys);
  // The same with the body's field table, which also describes it in the OpenAPI document.
  void only(BodyFields fields);

  bool has(std::string_view key) const;
  bool is_null(std::string_view key) const;
  std::optional<std::string> string(std::string_view key, bool required = false,
                                    std::size_t max_len = 10000);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false,
                                                  std::size_t max_items = 100);
  const boost::json::object* object(std::string_view key, bool required = false);
  const boost::json::array* array(std::string_view key, bool required = false);

  std::string path(std::string_view key) const;
  void error(std::string_view key, std::string message);
  core::FieldErrors& errors() { return errors_; }

 private:
  const boost::json::value* find(std::string_view key, bool required);
  const boost::json::object& o_;
  std::string prefix_;
  core::FieldErrors& errors_;
};

}  // namespace enlace::gateway
