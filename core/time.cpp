// Date and timestamp parsing with Howard Hinnant's date.h (GCC 12 has no chrono::parse).
#include "core/time.hpp"

#include <date/date.h>

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

std::string format_date(Date d) { return date::format("%F", d); }

std::string format_timestamp(Timestamp t) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t));
}

int age_on(Date birth, Date day) {
  auto b = date::year_month_day{birth};
  auto d = date::year_month_day{day};
  int years = int(d.year()) - int(b.year());
  if (date::month_day{d.month(), d.day()} < date::month_day{b.month(), b.day()}) --years;
  return years;
}

}  // namespace enlace::core
