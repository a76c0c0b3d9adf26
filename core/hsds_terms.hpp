// Enlace's words in Open Referral HSDS 3.0 and back (API.md, Interoperability): a service's
// status, ISO weekdays as iCalendar BYDAY codes, a wait in days as HSDS's free-text wait_time,
// and the description of an organisation that has none. Pure; the JSON is gateway/hsds_json.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/organization.hpp"
#include "core/service_listing.hpp"

namespace enlace::core {

inline constexpr std::string_view kHsdsVersion = "3.0";

// active, inactive, "temporarily closed" (HSDS's spelling, with a space).
std::string_view hsds_status(ServiceStatus s);
// Also takes HSDS's `defunct`, which Enlace keeps as inactive.
std::optional<ServiceStatus> service_status_from_hsds(std::string_view s);

// 1 (Monday) -> "MO" ... 7 -> "SU"; and back.
std::string_view hsds_weekday(int iso_weekday);
std::optional<int> weekday_from_hsds(std::string_view byday);

// 3 -> "3 days", 1 -> "1 day"; and back ("3 days", "3", "1 day"); nullopt for other text.
std::string wait_time_text(int days);
std::optional<int> wait_days_from_text(std::string_view text);

// HSDS requires an organisation's description: "Quito Help Desk (help desk)".
std::string organization_description(std::string_view name, OrganizationKind kind);

}  // namespace enlace::core
