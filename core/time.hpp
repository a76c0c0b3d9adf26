// Dates and instants as the API spells them (YYYY-MM-DD, RFC 3339 UTC). No clock reads here:
// "now" always arrives as a parameter.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

std::optional<Date> parse_date(std::string_view s);           // strict YYYY-MM-DD
std::optional<Timestamp> parse_timestamp(std::string_view s);  // RFC 3339, offset or Z
std::string format_date(Date d);
std::string format_timestamp(Timestamp t);  // 2026-11-24T18:05:00Z (UTC, whole seconds)

inline std::int64_t to_millis(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_millis(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }
inline Date date_of(Timestamp t) { return std::chrono::floor<std::chrono::days>(t); }

// Whole years between a birth date and a day (the person's age on that day).
int age_on(Date birth, Date day);

}  // namespace enlace::core
