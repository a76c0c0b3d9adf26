// What a referral can be addressed to: organisations and services, read for validation,
// warnings and alternatives. Directory data, not personal data.
#pragma once

#include "core/result.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::storage {

struct ServiceTarget {
  std::string id, organization_id, category, name, status;
  bool accepting = false;
  std::optional<std::int64_t> expected_wait_days, capacity;
};

class ReferralTargets {
 public:
  static bool organization_exists(WriteTxn& tx, const std::string& id);
  static std::optional<ServiceTarget> service(WriteTxn& tx, const std::string& id);
  // Active services accepting referrals for `category` that cover `territory_id` or one of its
  // ancestors, except those of `exclude_org`.
  static std::vector<ServiceTarget> covering(WriteTxn& tx, const std::string& category,
                                             const std::string& territory_id,
                                             const std::string& exclude_org);
};

}  // namespace enlace::storage
