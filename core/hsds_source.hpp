// What the directory's Open Referral HSDS objects show (gateway/hsds_json.hpp renders them),
// gathered from the directory by the feed's use cases (core/use_cases/directory_feed.hpp),
// and the feed's windows: pages by offset with their total, changed on or after an instant.
#pragma once

#include "core/directory_records.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

using TerritoryPath = std::vector<TerritoryRecord>;  // nearest first

struct HsdsOrganizationSource {
  OrganizationRecord record;
  TerritoryPath home;  // the organisation's territory and its ancestors
};

struct HsdsServiceSource {
  ServiceRecord record;
  HsdsOrganizationSource organization;
  std::string category_name;
  std::vector<TerritoryPath> areas;  // one per covered territory, in territory_ids order
};

// An organisation with every listing it owns (GET /hsds/organizations/{id}).
struct HsdsOrganizationWithServices {
  HsdsOrganizationSource organization;
  std::vector<HsdsServiceSource> services;
};

struct FeedWindow {
  std::optional<Timestamp> modified_after;  // updated_at on or after it
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

struct FeedIds {
  std::int64_t total = 0;         // every match, all pages together
  std::vector<std::string> ids;  // this window's, ordered by id
};

template <class T>
struct FeedPage {
  std::int64_t total = 0;  // every match, all pages together
  std::vector<T> items;    // this window's, ordered by id
};

}  // namespace enlace::core
