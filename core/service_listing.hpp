// A service listing (aligned with Open Referral HSDS): what an organisation offers, where,
// to whom and how, with its capacity and whether it is accepting referrals now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/opening_hours.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace enlace::core {

enum class ServiceStatus { active, temporarily_closed, inactive };

inline constexpr CodeName<ServiceStatus> kServiceStatusNames[] = {
    {ServiceStatus::active, "active"},
    {ServiceStatus::temporarily_closed, "temporarily_closed"},
    {ServiceStatus::inactive, "inactive"}};

std::string_view to_string(ServiceStatus v);
std::optional<ServiceStatus> parse_service_status(std::string_view s);

// A listing not verified for this long is flagged: stale listings cause wrong referrals.
inline constexpr auto kStaleAfter = std::chrono::days(183);
// Ages above this are a typing error.
inline constexpr int kMaxServiceAge = 130;

// A schedule entry as typed: {"weekday": 1..7, "opens": "HH:MM", "closes": "HH:MM"}.
struct OpeningDraft {
  std::optional<std::int64_t> weekday;
  std::optional<std::string> opens, closes;
};
// {"lat", "lon"} in decimal degrees (WGS 84).
struct GeoPoint {
  double lat = 0, lon = 0;
  bool operator==(const GeoPoint&) const = default;
};
struct GeoPointDraft {
  std::optional<double> lat, lon;
};

// As typed (POST) or the current record merged with a PATCH; nothing checked yet.
struct ServiceDraft {
  std::optional<std::string> organization_id, category, name, description, eligibility;
  std::optional<std::int64_t> min_age, max_age;
  std::optional<std::vector<std::string>> languages, territory_ids, required_documents;
  std::optional<std::string> hours, fees, how_to_apply, status;
  // Places free now. The API also accepts the older name `capacity` for it (see services.cpp).
  std::optional<std::int64_t> capacity_available;
  std::optional<bool> accepting;
  std::optional<std::int64_t> expected_wait_days;
  std::optional<std::string> last_verified_at;  // RFC 3339 or YYYY-MM-DD
  std::optional<std::string> address, phone;
  std::optional<GeoPointDraft> location;
  std::optional<std::vector<OpeningDraft>> schedule;
};

struct ServiceListing {
  std::string organization_id, category, name;
  std::optional<std::string> description, eligibility;
  std::optional<int> min_age, max_age;
  std::vector<std::string> languages;      // ISO 639-1 codes
  std::vector<std::string> territory_ids;  // as given, no repeats
  std::optional<std::string> hours;
  std::vector<std::string> required_documents;
  std::optional<std::string> fees, how_to_apply;
  ServiceStatus status = ServiceStatus::active;
  std::optional<int> capacity_available;  // places free now; nullopt = not said
  bool accepting = true;
  std::optional<int> expected_wait_days;
  std::optional<Timestamp> last_verified_at;
  std::optional<std::string> address, phone;
  std::optional<GeoPoint> location;
  std::vector<OpeningPeriod> schedule;  // ordered by weekday, then opening time
  std::string name_key;  // fold_for_search(name + " " + description), what `q` matches
  bool operator==(const ServiceListing&) const = default;
};

// Checks every field at once. Existence of the organisation, category and territories is the
// storage's to check; `now` refuses a last_verified_at in the future.
Result<ServiceListing> make_service_listing(const ServiceDraft& d, Timestamp now);

// Whether the service is open at `now` by its schedule, read in `zone` (the nearest zone up
// from its territories; empty = UTC). A service without a schedule is never "open now".
bool is_open_now(const ServiceListing& s, std::string_view zone, Timestamp now);

// True when the listing was never verified or not within kStaleAfter of `now`.
bool is_stale(const std::optional<Timestamp>& last_verified_at, Timestamp now);

}  // namespace enlace::core
