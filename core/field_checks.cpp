// Text field checks shared by the validators.
#include "core/field_checks.hpp"

#include "core/text_checks.hpp"
#include "core/text_fold.hpp"

namespace enlace::core {

std::optional<std::string> check_text(FieldErrors& errors, const std::string& path,
                                      const std::optional<std::string>& value, TextRule rule) {
  if (!value || is_blank(*value)) {
    if (rule.required) {
      errors.add(path, "is required");
      return std::nullopt;
    }
    return std::string();
  }
  // The gateway's JSON parser already insists on UTF-8; this keeps core safe on its own.
  if (!is_valid_utf8(*value)) {
    errors.add(path, "must be valid UTF-8");
    return std::nullopt;
  }
  std::string text = trim(*value);
  if (has_control_chars(text, rule.multiline)) {
    errors.add(path, "must not contain control characters");
    return std::nullopt;
  }
  if (rule.max_chars > 0 && char_count(text) > rule.max_chars) {
    errors.add(path, "must be at most " + std::to_string(rule.max_chars) + " characters");
    return std::nullopt;
  }
  return text;
}

std::string indexed(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

// A plausible address, not a proof: one @, something on each side, a dot in the domain.
bool looks_like_email(std::string_view s) {
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (char c : s)
    if (c == ' ' || c == '<' || c == '>' || c == ',') return false;
  return true;
}

}  // namespace enlace::core
