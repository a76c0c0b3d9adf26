// Enlace's words in HSDS: see hsds_terms.hpp.
#include "core/hsds_terms.hpp"

#include <array>
#include <charconv>

namespace enlace::core {

namespace {
constexpr std::array<std::string_view, 7> kByDay = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
}

std::string_view hsds_status(ServiceStatus s) {
  switch (s) {
    case ServiceStatus::active: return "active";
    case ServiceStatus::temporarily_closed: return "temporarily closed";
    case ServiceStatus::inactive: return "inactive";
  }
  return "inactive";
}

std::optional<ServiceStatus> service_status_from_hsds(std::string_view s) {
  if (s == "active") return ServiceStatus::active;
  if (s == "temporarily closed") return ServiceStatus::temporarily_closed;
  if (s == "inactive" || s == "defunct") return ServiceStatus::inactive;
  return std::nullopt;
}

std::string_view hsds_weekday(int iso_weekday) {
  if (iso_weekday < 1 || iso_weekday > 7) return "";
  return kByDay[static_cast<std::size_t>(iso_weekday - 1)];
}

std::optional<int> weekday_from_hsds(std::string_view byday) {
  for (std::size_t i = 0; i < kByDay.size(); ++i)
    if (byday == kByDay[i]) return static_cast<int>(i) + 1;
  return std::nullopt;
}

std::string wait_time_text(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::optional<int> wait_days_from_text(std::string_view text) {
  int days = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || days < 0) return std::nullopt;
  std::string_view rest(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (rest.empty() || rest == " days" || rest == " day") return days;
  return std::nullopt;
}

std::string organization_description(std::string_view name, OrganizationKind kind) {
  std::string words(to_string(kind));
  for (auto& c : words)
    if (c == '_') c = ' ';
  return std::string(name) + " (" + words + ")";
}

}  // namespace enlace::core
