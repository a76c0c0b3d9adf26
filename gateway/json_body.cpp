// JSON body parsing: see json_body.hpp.
#include "gateway/json_body.hpp"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <cmath>
#include <set>

namespace enlace::gateway {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDepth = 32;

// A basic_parser handler that only watches structure: keys per object, and depth.
struct StructureCheck {
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);

  std::vector<std::set<std::string>> keys;  // one set per open object; arrays push nothing
  std::size_t depth = 0;
  bool duplicate = false;
  bool too_deep = false;
  std::string key_buf;

  bool enter(json::error_code& ec) {
    if (++depth > kMaxDepth) {
      too_deep = true;
      ec = json::make_error_code(json::error::too_deep);
      return false;
    }
    return true;
  }
  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code& ec) { return enter(ec); }
  bool on_array_end(std::size_t, json::error_code&) {
    --depth;
    return true;
  }
  bool on_object_begin(json::error_code& ec) {
    keys.emplace_back();
    return enter(ec);
  }
  bool on_object_end(std::size_t, json::error_code&) {
    keys.pop_back();
    --depth;
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_buf.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    key_buf.append(s.data(), s.size());
    if (!keys.back().insert(std::move(key_buf)).second) {
      duplicate = true;
      ec = json::make_error_code(json::error::syntax);
      key_buf.clear();
      return false;
    }
    key_buf.clear();
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return true; }
  bool on_double(double, json::string_view, json::error_code&) { return true; }
  bool on_bool(bool, json::error_code&) { return true; }
  bool on_null(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

bool is_json_content_type(std::string_view ct) {
  auto semi = ct.find(';');
  auto base = ct.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  std::string lower(base);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/json";
}

}  // namespace

std::optional<json::value> parse_strict_json(std::string_view text, BodyError& err) {
  // Boost.JSON keeps the last of duplicate keys silently, so structure is checked first.
  json::basic_parser<StructureCheck> check(json::parse_options{});
  json::error_code ec;
  check.write_some(false, text.data(), text.size(), ec);
  if (ec || check.handler().duplicate || check.handler().too_deep) {
    if (check.handler().duplicate)
      err = {400, "duplicate-key", "The JSON body repeats a key in one object."};
    else if (check.handler().too_deep)
      err = {400, "malformed-json", "The JSON body is nested too deeply."};
    else
      err = {400, "malformed-json", "The body is not valid JSON."};
    return std::nullopt;
  }
  json::parse_options opt;
  opt.max_depth = kMaxDepth + 1;
  auto v = json::parse(json::string_view(text.data(), text.size()), ec, {}, opt);
  if (ec) {
    err = {400, "malformed-json", "The body is not valid JSON."};
    return std::nullopt;
  }
  return v;
}

ParsedBody parse_json_object(const Request& req, bool empty_ok) {
  if (req.body.empty() && empty_ok) return {json::object{}, std::nullopt};
  auto ct = req.header("content-type");
  if (!ct || !is_json_content_type(*ct))
    return {std::nullopt,
            BodyError{415, "unsupported-media-type", "Send the body as application/json."}};
  BodyError err;
  auto v = parse_strict_json(req.body, err);
  if (!v) return {std::nullopt, err};
  if (!v->is_object())
    return {std::nullopt, BodyError{400, "malformed-json", "The body must be a JSON object."}};
  return {std::move(v->as_object()), std::nullopt};
}

std::string FieldReader::path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void FieldReader::error(std::string_view key, std::string message) {
  errors_.add(path(key), std::move(message));
}

void FieldReader::only(std::initializer_list<std::string_view> keys) {
  for (const auto& kv : o_) {
    bool known = false;
    for (auto k : keys) known = known || (kv.key() == k);
    if (!known) errors_.add(path(kv.key()), "is not a known field");
  }
}

void FieldReader::only(BodyFields fields) {
  for (const auto& kv : o_) {
    bool known = false;
    for (const auto& f : fields) known = known || (kv.key() == f.name);
    if (!known) errors_.add(path(kv.key()), "is not a known field");
  }
}

bool FieldReader::has(std::string_view key) const { return o_.contains(key); }

bool FieldReader::is_null(std::string_view key) const {
  auto it = o_.find(key);
  return it != o_.end() && it->value().is_null();
}

const json::value* FieldReader::find(std::string_view key, bool required) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) {
    if (required) error(key, "is required");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> FieldReader::string(std::string_view key, bool required,
                                               std::size_t max_len) {
  auto v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(key, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->as_string();
  if (s.size() > max_len) {
    error(key, "is too long (at most " + std::to_string(max_len) + " bytes)");
    return std::nullopt;
  }
  if (s.find('\0') != json::string::npos) {
    error(key, "must not contain NUL characters");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, bool required) {
  auto v = find(key, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= std::uint64_t(INT64_MAX))
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) {
    // The range first: converting a double outside int64's range is undefined behaviour.
    double d = v->as_double();
    if (d > -9e15 && d < 9e15 && d == std::trunc(d)) return static_cast<std::int64_t>(d);
  }
  error(key, "must be a whole number");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  auto v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    error(key, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> FieldReader::strings(std::string_view key, bool required,
                                                             std::size_t max_items) {
  auto v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    error(key, "must be a list of strings");
    return std::nullopt;
  }
  const auto& a = v->as_array();
  if (a.size() > max_items) {
    error(key, "has too many items (at most " + std::to_string(max_items) + ")");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string() || a[i].as_string().size() > 1000) {
      errors_.add(path(key) + "[" + std::to_string(i) + "]", "must be a string");
      return std::nullopt;
    }
    out.emplace_back(a[i].as_string());
  }
  return out;
}

const json::object* FieldReader::object(std::string_view key, bool required) {
  auto v = find(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    error(key, "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

const json::array* FieldReader::array(std::string_view key, bool required) {
  auto v = find(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    error(key, "must be a list");
    return nullptr;
  }
  return &v->as_array();
}

}  // namespace enlace::gateway
