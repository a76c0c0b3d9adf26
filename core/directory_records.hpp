// The directory as stored: service listings, organisations, territories and categories with
// their ids, versions and times, and the filters their lists take. Plain data the directory
// use cases and their ports speak (core/ports/directory_store.hpp); storage reads and writes it.
#pragma once

#include "core/organization.hpp"
#include "core/service_listing.hpp"
#include "core/territory.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::core {

struct ServiceRecord {
  std::string id;
  ServiceListing listing;
  std::optional<Timestamp> capacity_updated_at;  // set by the server when capacity_available changes
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
};

struct ServiceFilter {
  std::optional<std::string> category;
  std::optional<std::string> territory_id;  // services covering it or one of its ancestors
  std::optional<std::string> language;
  std::optional<bool> accepting;
  std::optional<std::string> query_folded;  // core::fold_for_search of `q`
  std::optional<std::string> organization_id;
  // true: accepting and places free or not said; false: the others.
  std::optional<bool> available;
  // true: open at `open_at` by the schedule (in the service's local time); false: the others.
  std::optional<bool> open_now;
  Timestamp open_at{};
  // true: never verified or not since `stale_before` (core::is_stale); false: the others.
  std::optional<bool> stale;
  Timestamp stale_before{};
  std::string after;  // cursor: the last id seen
  int limit = 50;     // up to limit + 1 rows come back: the extra one signals a next page
};

struct OrganizationRecord {
  std::string id;
  Organization organization;
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
};

struct TerritoryRecord {
  std::string id;
  Territory territory;
  std::int64_t version = 1;
  Timestamp created_at{}, updated_at{};
};

struct TerritoryFilter {
  std::optional<std::string> parent_id;  // direct children of this territory only
  std::string after;                     // cursor: the last id seen
  int limit = 50;                        // rows returned: limit + 1 tells of a next page
};

struct CategoryRecord {
  std::string code, name;
  Timestamp created_at{};
};

}  // namespace enlace::core
