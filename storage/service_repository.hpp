// Service listings and the territories each covers (service_territory). Any signed-in user
// reads them; the org_admin of the owning organisation writes (checked by the caller).
#pragma once

#include "core/result.hpp"
#include "core/service_listing.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct ServiceRecord {
  std::string id;
  core::ServiceListing listing;
  std::optional<core::Timestamp> capacity_updated_at;  // set by the server when capacity_available changes
  std::int64_t version = 1;
  core::Timestamp created_at{}, updated_at{};
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
  core::Timestamp open_at{};
  // true: never verified or not since `stale_before` (core::is_stale); false: the others.
  std::optional<bool> stale;
  core::Timestamp stale_before{};
  std::string after;  // cursor: the last id seen
  int limit = 50;     // up to limit + 1 rows come back: the extra one signals a next page
};

class ServiceRepository {
 public:
  // Both check that the organisation, category and territories exist (422 naming the field).
  static core::Result<ServiceRecord> insert(WriteTxn& tx, const std::string& id,
                                            const core::ServiceListing& s, core::Timestamp now);
  // Stale version -> 412. capacity_updated_at moves to `now` when capacity changed.
  static core::Result<ServiceRecord> update(WriteTxn& tx, const std::string& id,
                                            std::int64_t version, const core::ServiceListing& s,
                                            core::Timestamp now);
  // last_verified_at = now (and a new version); not_found for an unknown id.
  static core::Result<ServiceRecord> mark_verified(WriteTxn& tx, const std::string& id,
                                                   core::Timestamp now);
  template <class Txn>
  static core::Result<ServiceRecord> find(Txn& tx, const std::string& id);
  static std::vector<ServiceRecord> list(ReadTxn& tx, const ServiceFilter& f);
  // The IANA zone the service's schedule is read in: the nearest one up from the territories
  // it covers; empty (UTC) when none has one.
  static std::string time_zone_of(ReadTxn& tx, const std::string& service_id);
};

}  // namespace enlace::storage
