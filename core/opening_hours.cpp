// Opening hours: parsing, local time through ICU's copy of the IANA database, and the rule.
#include "core/opening_hours.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace enlace::core {

namespace {
constexpr int kMinutesPerDay = 24 * 60;
constexpr std::int64_t kMillisPerMinute = 60 * 1000;

int digit(char c) { return c >= '0' && c <= '9' ? c - '0' : -1; }
}  // namespace

std::optional<int> parse_time_of_day(std::string_view s, bool allow_end_of_day) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h1 = digit(s[0]), h2 = digit(s[1]), m1 = digit(s[3]), m2 = digit(s[4]);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
  if (minutes > 59) return std::nullopt;
  if (hours == 24 && minutes == 0 && allow_end_of_day) return kMinutesPerDay;
  if (hours > 23) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_time_of_day(int minutes) {
  std::string out = "00:00";
  int h = minutes / 60, m = minutes % 60;
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[3] = static_cast<char>('0' + m / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

std::optional<LocalTime> local_time(Timestamp now, std::string_view zone) {
  std::int64_t offset_ms = 0;
  if (!zone.empty() && zone != "UTC") {
    icu::UnicodeString id(zone.data(), static_cast<int32_t>(zone.size()), US_INV);
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
    // ICU answers an unknown id with "Etc/Unknown" (offset 0) rather than failing.
    icu::UnicodeString got, unknown;
    if (!tz) return std::nullopt;
    tz->getID(got);
    icu::TimeZone::getUnknown().getID(unknown);
    if (got == unknown) return std::nullopt;
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(to_millis(now)), false, raw, dst, status);
    if (U_FAILURE(status)) return std::nullopt;
    offset_ms = static_cast<std::int64_t>(raw) + dst;
  }
  // Floor division: instants before 1970 still fall on the right minute.
  const std::int64_t ms = to_millis(now) + offset_ms;
  const std::int64_t local_minutes =
      ms >= 0 ? ms / kMillisPerMinute : -((-ms + kMillisPerMinute - 1) / kMillisPerMinute);
  std::int64_t days = local_minutes / kMinutesPerDay;
  std::int64_t minute = local_minutes % kMinutesPerDay;
  if (minute < 0) {
    minute += kMinutesPerDay;
    days -= 1;
  }
  // 1970-01-01 was a Thursday (ISO 4).
  int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7) + 1;
  return LocalTime{weekday, static_cast<int>(minute)};
}

bool is_open(const std::vector<OpeningPeriod>& schedule, LocalTime t) {
  const int previous_day = t.weekday == 1 ? 7 : t.weekday - 1;
  for (const auto& p : schedule) {
    const bool overnight = p.closes <= p.opens || p.closes == kMinutesPerDay;
    if (!overnight) {
      if (p.weekday == t.weekday && t.minute >= p.opens && t.minute < p.closes) return true;
      continue;
    }
    const int tail = p.closes % kMinutesPerDay;  // minutes of the next day (24:00 gives none)
    if (p.weekday == t.weekday && t.minute >= p.opens) return true;
    if (p.weekday == previous_day && t.minute < tail) return true;
  }
  return false;
}

bool is_open_at(const std::vector<OpeningPeriod>& schedule, std::string_view zone, Timestamp now) {
  if (schedule.empty()) return false;
  auto t = local_time(now, zone);
  if (!t) t = local_time(now, "");
  return is_open(schedule, *t);
}

}  // namespace enlace::core
