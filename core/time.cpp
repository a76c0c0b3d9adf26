// Date and timestamp parsing with Howard Hinnant's date.h (GCC 12 has no chrono::parse).
// GCC 12 at -O2 warns that date.h's parser may read a seconds value it left uninitialised
// (chrono.h code inlined from date::from_stream): a false positive in library headers. The
// pragma comes first because the warning is reported at the header's own lines.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "core/time.hpp"

#include <date/date.h>

#include <cstdio>
#include <sstream>

namespace enlace::core {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  // date::parse accepts "2026-1-5"; the contract is zero-padded, so check the shape first.
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
    return std::nullopt;
  std::istringstream in{std::string(s)};
  date::sys_days d;
  in >> date::parse("%F", d);
  if (in.fail()) return std::nullopt;
  // Round-trip to reject dates such as 2026-02-30 that parse by normalising.
  if (format_date(d) != s) return std::nullopt;
  return d;
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  if (s.size() < 20 || s.size() > 35) return std::nullopt;
  auto d = parse_date(s.substr(0, 10));
  if (!d || (s[10] != 'T' && s[10] != 't')) return std::nullopt;
  std::istringstream in{std::string(s)};
  date::sys_time<std::chrono::milliseconds> t;
  if (s.back() == 'Z' || s.back() == 'z') {
    in >> date::parse("%FT%TZ", t);
  } else {
    in >> date::parse("%FT%T%Ez", t);
  }
  if (in.fail()) return std::nullopt;
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return t;
}

// date::format builds an ostringstream and looks its locale facets up (dynamic_cast) on every
// call, a tenth of an inbox page's time, which formats several timestamps per row. The
// calendar arithmetic stays date.h's; only the digits are written here. Years outside
// 0000-9999 (never produced by parse_* or the clock) keep date::format's spelling.
std::string format_date(Date d) {
  date::year_month_day ymd{d};
  int y = int(ymd.year());
  if (y < 0 || y > 9999) return date::format("%F", d);
  char buf[16];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, unsigned(ymd.month()),
                        unsigned(ymd.day()));
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string format_timestamp(Timestamp t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto day = std::chrono::floor<date::days>(secs);
  date::year_month_day ymd{day};
  int y = int(ymd.year());
  if (y < 0 || y > 9999) return date::format("%FT%TZ", secs);
  date::hh_mm_ss<std::chrono::seconds> hms{secs - day};
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y,
                        unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                        int(hms.minutes().count()), int(hms.seconds().count()));
  return std::string(buf, static_cast<std::size_t>(n));
}

int age_on(Date birth, Date day) {
  auto b = date::year_month_day{birth};
  auto d = date::year_month_day{day};
  int years = int(d.year()) - int(b.year());
  if (date::month_day{d.month(), d.day()} < date::month_day{b.month(), b.day()}) --years;
  return years;
}

}  // namespace enlace::core
