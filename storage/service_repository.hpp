// Service listings and the territories each covers (service_territory). Any signed-in user
// reads them; the org_admin of the owning organisation writes (checked by the caller).
#pragma once

#include "core/directory_records.hpp"
#include "core/result.hpp"
#include "core/service_listing.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The records live in core (core/directory_records.hpp) since the use cases speak them.
using core::ServiceFilter;
using core::ServiceRecord;

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
