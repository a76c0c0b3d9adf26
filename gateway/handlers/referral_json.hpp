// JSON of referrals, their history, snapshots and messages as API.md spells them. The
// receiver's view never carries case_id, consent_id or justification.
#pragma once

#include "core/shared_snapshot.hpp"
#include "core/time.hpp"
#include "storage/referral_message_repository.hpp"
#include "storage/referral_repository.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace enlace::gateway {

// Without `history` for list items.
boost::json::object referral_json(const storage::ReferralRecord& r, core::Timestamp now);
boost::json::object referral_json(const storage::ReferralRecord& r,
                                  const std::vector<storage::HistoryEntry>& history,
                                  core::Timestamp now);

boost::json::object message_json(const storage::MessageRecord& m);

}  // namespace enlace::gateway
