// A name table for an enum whose enumerators are API strings: one loop for to_string/parse.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace enlace::core {

template <class E>
struct CodeName {
  E value;
  std::string_view name;
};

// Tables are small (at most a dozen rows), so a linear scan beats any map.
template <class E, std::size_t N>
constexpr std::string_view code_name(const CodeName<E> (&table)[N], E value) {
  for (const auto& row : table)
    if (row.value == value) return row.name;
  return {};
}

template <class E, std::size_t N>
constexpr std::optional<E> parse_code(const CodeName<E> (&table)[N], std::string_view s) {
  for (const auto& row : table)
    if (row.name == s) return row.value;
  return std::nullopt;
}

}  // namespace enlace::core
