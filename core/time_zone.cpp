// Time zone names checked against ICU's copy of the IANA database.
#include "core/time_zone.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace enlace::core {

bool is_time_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  if (name.find('/') == std::string_view::npos && name != "UTC") return false;
  icu::UnicodeString id(name.data(), static_cast<int32_t>(name.size()), US_INV);
  icu::UnicodeString canonical;
  UBool system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, system, status);
  return U_SUCCESS(status) && system;
}

}  // namespace enlace::core
