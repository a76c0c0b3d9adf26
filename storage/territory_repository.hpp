// Territories: the directory's tree. Any signed-in user reads it; system_admin writes.
#pragma once

#include "core/directory_records.hpp"
#include "core/result.hpp"
#include "core/territory.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

// The records live in core (core/directory_records.hpp) since the use cases speak them.
using core::TerritoryFilter;
using core::TerritoryRecord;

class TerritoryRepository {
 public:
  // Checks that the parent exists and sits at a higher level (422 naming parent_id).
  static core::Result<TerritoryRecord> insert(WriteTxn& tx, const std::string& id,
                                              const core::Territory& t, core::Timestamp now);
  template <class Txn>
  static core::Result<TerritoryRecord> find(Txn& tx, const std::string& id);
  static std::vector<TerritoryRecord> list(ReadTxn& tx, const TerritoryFilter& f);
  // The zone of the organisation's territory or of its nearest ancestor that names one.
  static std::optional<std::string> time_zone_of_organization(ReadTxn& tx,
                                                              const std::string& organization_id);
};

}  // namespace enlace::storage
