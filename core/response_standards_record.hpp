// The response standards as stored: the figures, their version (If-Match) and when they last
// changed. Plain data the settings use cases and their port speak (core/ports/settings_store.hpp).
#pragma once

#include "core/response_standards.hpp"
#include "core/time.hpp"

#include <cstdint>

namespace enlace::core {

// The setting's key: its audit events name it as their entity.
inline constexpr const char* kResponseStandardsKey = "response_standards";

struct ResponseStandardsRecord {
  ResponseStandards standards;
  std::int64_t version = 1;
  Timestamp updated_at{};  // the epoch while the defaults were never changed
};

}  // namespace enlace::core
