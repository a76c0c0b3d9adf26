// Building blocks of the make_*() validators: text fields and lists of codes, each adding
// to a FieldErrors so that a form's problems are all reported in one reply.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace enlace::core {

struct TextRule {
  bool required = false;
  std::size_t max_chars = 0;  // in code points
  bool multiline = false;     // notes may hold line breaks; names may not
};

// The trimmed text ("" when absent or blank and not required), or nullopt after an error.
std::optional<std::string> check_text(FieldErrors& errors, const std::string& path,
                                      const std::optional<std::string>& value, TextRule rule);

// "path[i]" as used in field errors.
std::string indexed(std::string_view path, std::size_t i);

// Parses every element with `parse`; reports unknown and repeated values by index.
// Returns the parsed list, or nullopt after any error.
template <class T, class Parse>
std::optional<std::vector<T>> check_code_list(FieldErrors& errors, const std::string& path,
                                              const std::optional<std::vector<std::string>>& in,
                                              Parse parse) {
  std::vector<T> out;
  if (!in) return out;
  bool ok = true;
  for (std::size_t i = 0; i < in->size(); ++i) {
    std::optional<T> v = parse((*in)[i]);
    if (!v) {
      errors.add(indexed(path, i), "is not a known value");
      ok = false;
      continue;
    }
    bool repeated = false;
    for (const T& seen : out)
      if (seen == *v) repeated = true;
    if (repeated) {
      errors.add(indexed(path, i), "is listed twice");
      ok = false;
      continue;
    }
    out.push_back(std::move(*v));
  }
  if (!ok) return std::nullopt;
  return out;
}

// A plausible e-mail address, not a proof: one @, something on each side, a dot in the domain,
// no spaces or header punctuation (an organisation's address, a user's).
bool looks_like_email(std::string_view s);

}  // namespace enlace::core
