// Helpers shared by the core unit tests: fixed dates and field-error lookups.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core::testing {

inline Date day(const char* s) { return *parse_date(s); }
inline Timestamp at(const char* s) { return *parse_timestamp(s); }

// True when `e` is invalid and names `field` among its field errors.
inline bool names_field(const Error& e, const std::string& field) {
  if (e.code != ErrorCode::invalid) return false;
  for (const auto& f : e.fields.items())
    if (f.field == field) return true;
  return false;
}

inline std::string fields_of(const Error& e) {
  std::string out;
  for (const auto& f : e.fields.items()) out += f.field + ": " + f.message + "\n";
  return out;
}

}  // namespace enlace::core::testing
