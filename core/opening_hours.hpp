// A service's weekly opening hours and the "open now" rule (API.md, Daily work: `schedule`,
// `open_now`). Times are the local time of the service's territory; `closes` is exclusive and a
// `closes` at or before `opens` runs past midnight into the next day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace enlace::core {

struct OpeningPeriod {
  int weekday = 1;  // ISO: 1 = Monday ... 7 = Sunday
  int opens = 0;    // minutes after local midnight, 0..1439
  int closes = 0;   // minutes after local midnight, 1..1440 (24:00 ends the day)
  bool operator==(const OpeningPeriod&) const = default;
};

// "HH:MM" (00:00 to 23:59) as minutes after midnight; `allow_end_of_day` also takes "24:00".
std::optional<int> parse_time_of_day(std::string_view hhmm, bool allow_end_of_day = false);
std::string format_time_of_day(int minutes);  // "08:30"; 1440 is "24:00"

// A moment as the wall clock of a place shows it.
struct LocalTime {
  int weekday = 1;  // ISO
  int minute = 0;   // after local midnight
};

// `zone` is an IANA name (core/time_zone.hpp); empty means UTC. Daylight saving applies as the
// zone's rules say on that day. nullopt for a zone the time zone database does not know.
std::optional<LocalTime> local_time(Timestamp now, std::string_view zone);

// True when one of the periods covers `t`. A period whose `closes` is not after `opens` (or is
// 24:00) runs into the next day: Friday 22:00-06:00 is open on Saturday at 05:59, not at 06:00.
bool is_open(const std::vector<OpeningPeriod>& schedule, LocalTime t);

// The two together; an unknown zone counts as UTC (a zone is checked when it is stored).
bool is_open_at(const std::vector<OpeningPeriod>& schedule, std::string_view zone, Timestamp now);

}  // namespace enlace::core
