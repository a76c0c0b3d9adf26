// Organisations of the network. Any signed-in user reads them; system_admin writes.
#pragma once

#include "core/directory_records.hpp"
#include "core/organization.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::storage {

using core::OrganizationRecord;  // core/directory_records.hpp

class OrganizationRepository {
 public:
  // Both check that the territory and parent exist (422 naming the field); update also
  // refuses a parent chain that would lead back to the organisation, and a stale version.
  static core::Result<OrganizationRecord> insert(WriteTxn& tx, const std::string& id,
                                                 const core::Organization& o, core::Timestamp now);
  static core::Result<OrganizationRecord> update(WriteTxn& tx, const std::string& id,
                                                 std::int64_t version, const core::Organization& o,
                                                 core::Timestamp now);
  template <class Txn>
  static core::Result<OrganizationRecord> find(Txn& tx, const std::string& id);
  // Ordered by id, after the cursor; up to limit + 1 rows (the extra one signals a next page).
  static std::vector<OrganizationRecord> list(ReadTxn& tx, const std::string& after, int limit);
};

}  // namespace enlace::storage
