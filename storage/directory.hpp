// Directory lookups other capabilities call (referrals, alternatives, the gap report), over
// either a read snapshot or the writer's transaction. The directory is not personal data, so
// these take no caller.
#pragma once

#include "storage/service_repository.hpp"
#include "storage/txn.hpp"

#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

class Directory {
 public:
  template <class Txn>
  static std::optional<ServiceRecord> find_service(Txn& tx, const std::string& service_id);
  // Every service of `category` (any status, accepting or not: callers filter) whose
  // territory_ids include the territory or one of its ancestors; ordered by id.
  template <class Txn>
  static std::vector<ServiceRecord> services_covering(Txn& tx, const std::string& category,
                                                      const std::string& territory_id);
  template <class Txn>
  static bool organization_exists(Txn& tx, const std::string& organization_id);
  // The territory itself first, then its parent, up to the root; empty when unknown.
  template <class Txn>
  static std::vector<std::string> territory_ancestors(Txn& tx, const std::string& territory_id);
  // The territory itself and every territory below it; empty when unknown.
  template <class Txn>
  static std::vector<std::string> territory_subtree(Txn& tx, const std::string& territory_id);
};

}  // namespace enlace::storage
