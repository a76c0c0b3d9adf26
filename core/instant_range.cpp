// FHIR date search on instants: see instant_range.hpp.
#include "core/instant_range.hpp"

#include <chrono>

namespace enlace::core {

namespace {

struct Span {
  Timestamp start, end;  // [start, end)
};

std::optional<Span> span_of(std::string_view v) {
  if (v.size() == 10) {
    auto d = parse_date(v);
    if (!d) return std::nullopt;
    Timestamp start{std::chrono::duration_cast<std::chrono::milliseconds>(d->time_since_epoch())};
    return Span{start, start + std::chrono::days{1}};
  }
  auto t = parse_timestamp(v);
  if (!t) return std::nullopt;
  // A fraction of a second (19 characters of date and time, then '.') is millisecond precision.
  const bool fraction = v.size() > 19 && v[19] == '.';
  auto width = fraction ? std::chrono::milliseconds{1} : std::chrono::milliseconds{1000};
  return Span{*t, *t + width};
}

void later_from(InstantRange& r, Timestamp t) {
  if (!r.from || *r.from < t) r.from = t;
}
void earlier_before(InstantRange& r, Timestamp t) {
  if (!r.before || *r.before > t) r.before = t;
}

}  // namespace

Result<InstantRange> narrow_instant_range(InstantRange range, std::string_view value) {
  std::string_view prefix = "eq";
  if (value.size() > 2 && value[0] >= 'a' && value[0] <= 'z') {
    prefix = value.substr(0, 2);
    value.remove_prefix(2);
  }
  auto span = span_of(value);
  const char* message =
      "must be a date or an RFC 3339 instant, with an optional prefix eq, gt, ge, lt or le";
  if (!span) return Error::invalid_field("_lastUpdated", message);
  if (prefix == "eq") {
    later_from(range, span->start);
    earlier_before(range, span->end);
  } else if (prefix == "ge") {
    later_from(range, span->start);
  } else if (prefix == "gt") {
    later_from(range, span->end);
  } else if (prefix == "lt") {
    earlier_before(range, span->start);
  } else if (prefix == "le") {
    earlier_before(range, span->end);
  } else {
    return Error::invalid_field("_lastUpdated", message);
  }
  return range;
}

}  // namespace enlace::core
