// IANA time zone names ("America/Guayaquil"), as a territory's local time.
#pragma once

#include <string_view>

namespace enlace::core {

// True for a zone ICU's time zone database knows by this exact spelling and that names a
// place or UTC ("Asia/Manila", "Etc/GMT+5", "UTC"). Browsers format with the same names, so a
// name accepted here is one the UI can show dates in. Offsets ("GMT+05:00") and the legacy
// three-letter ids ICU keeps for Java ("PST") are refused: they do not follow daylight rules.
bool is_time_zone_name(std::string_view name);

}  // namespace enlace::core
