// A FHIR date search on an instant (`_lastUpdated=ge2026-11-24`): the prefix and the value's
// precision make a half-open range [from, before) that later values narrow. Pure: no I/O.
#pragma once

#include "core/result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string_view>

namespace enlace::core {

struct InstantRange {
  std::optional<Timestamp> from;    // at or after
  std::optional<Timestamp> before;  // strictly before
};

// Narrows `range` by one search value: an optional prefix eq (the default), gt, ge, lt or le,
// then YYYY-MM-DD or an RFC 3339 instant (whole seconds or milliseconds). The value stands
// for every instant of its precision (a day, a second, a millisecond), as FHIR's search
// defines it: gt2026-11-24 starts on the 25th, le2026-11-24 ends with the 24th. Other prefixes
// (ne, sa, eb, ap) are not supported: invalid.
Result<InstantRange> narrow_instant_range(InstantRange range, std::string_view value);

}  // namespace enlace::core
