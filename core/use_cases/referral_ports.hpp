// The ports a referral use case runs on, all bound to the same transaction by the caller (the
// gateway builds them inside its db_write job; the unit tests use in-memory ones).
#pragma once

#include "core/ports/audit_trail.hpp"
#include "core/ports/referral_notices.hpp"
#include "core/ports/referral_store.hpp"
#include "core/referral_record.hpp"

#include <optional>
#include <vector>

namespace enlace::core {

struct ReferralPorts {
  ReferralStore& store;
  AuditTrail& audit;
  ReferralNotices& notices;
};

// A referral as a use case leaves it: the record as the actor sees it now, its history, and
// the tracking code and PIN when it was just sent (shown this once).
struct ReferralSaved {
  ReferralRecord referral;
  std::vector<HistoryEntry> history;
  std::optional<IssuedTracking> tracking;
};

}  // namespace enlace::core
