// The directory as a published feed (Open Referral HSDS, gateway/hsds_*): pages of service and
// organisation ids by offset with their total, changed on or after an instant, and the
// territory paths an address or an export names. Records themselves come from the
// Service/Organization/TerritoryRepository finds. The directory holds no personal data; any
// signed-in user (or anyone, when the deployment publishes it) reads all of it.
#pragma once

#include "core/time.hpp"
#include "storage/territory_repository.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct FeedWindow {
  std::optional<core::Timestamp> modified_after;  // updated_at on or after it
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

struct FeedIds {
  std::int64_t total = 0;         // every match, all pages together
  std::vector<std::string> ids;  // this window's, ordered by id
};

class DirectoryFeed {
 public:
  static FeedIds services(ReadTxn& tx, const FeedWindow& w);
  static FeedIds organizations(ReadTxn& tx, const FeedWindow& w);
  static std::vector<std::string> service_ids_of(ReadTxn& tx, const std::string& organization_id);
  // The territory and its ancestors, nearest first (empty when it does not exist).
  static std::vector<TerritoryRecord> territory_path(ReadTxn& tx, const std::string& territory_id);
};

}  // namespace enlace::storage
