// The directory as a published feed (Open Referral HSDS, gateway/hsds_*): pages of service and
// organisation ids by offset with their total, changed on or after an instant, and the
// territory paths an address or an export names. Records themselves come from the
// Service/Organization/TerritoryRepository finds. The directory holds no personal data; any
// signed-in user (or anyone, when the deployment publishes it) reads all of it.
#pragma once

#include "core/hsds_source.hpp"
#include "core/time.hpp"
#include "storage/territory_repository.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The windows live in core (core/hsds_source.hpp) since the feed's use cases speak them.
using core::FeedIds;
using core::FeedWindow;

class DirectoryFeed {
 public:
  static FeedIds services(ReadTxn& tx, const FeedWindow& w);
  static FeedIds organizations(ReadTxn& tx, const FeedWindow& w);
  static std::vector<std::string> service_ids_of(ReadTxn& tx, const std::string& organization_id);
  // The territory and its ancestors, nearest first (empty when it does not exist).
  static std::vector<TerritoryRecord> territory_path(ReadTxn& tx, const std::string& territory_id);
};

}  // namespace enlace::storage
