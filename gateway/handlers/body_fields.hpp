// Reading a body into a draft for POST and PATCH alike: a key that is absent keeps the
// draft's value (the current record's, for PATCH), null clears it, anything else replaces it.
// Type errors land in the FieldReader's errors, named by field.
#pragma once

#include "gateway/json_body.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::gateway {

inline void merge_string(FieldReader& f, std::string_view key, std::optional<std::string>& out,
                         std::size_t max_len = 10000) {
  if (!f.has(key)) return;
  if (f.is_null(key)) {
    out.reset();
    return;
  }
  if (auto v = f.string(key, false, max_len)) out = std::move(*v);
}

inline void merge_integer(FieldReader& f, std::string_view key, std::optional<std::int64_t>& out) {
  if (!f.has(key)) return;
  if (f.is_null(key)) {
    out.reset();
    return;
  }
  if (auto v = f.integer(key)) out = *v;
}

inline void merge_boolean(FieldReader& f, std::string_view key, std::optional<bool>& out) {
  if (!f.has(key)) return;
  if (f.is_null(key)) {
    out.reset();
    return;
  }
  if (auto v = f.boolean(key)) out = *v;
}

inline void merge_strings(FieldReader& f, std::string_view key,
                          std::optional<std::vector<std::string>>& out, std::size_t max_items = 100) {
  if (!f.has(key)) return;
  if (f.is_null(key)) {
    out.reset();
    return;
  }
  if (auto v = f.strings(key, false, max_items)) out = std::move(*v);
}

}  // namespace enlace::gateway
