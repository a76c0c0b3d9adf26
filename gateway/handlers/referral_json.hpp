// JSON of referrals, their history, snapshots and messages as API.md spells them. The
// receiver's view never carries case_id, consent_id or justification.
#pragma once

#include "core/shared_snapshot.hpp"
#include "core/time.hpp"
#include "core/referral_message.hpp"
#include "core/referral_record.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace enlace::gateway {

// Without `history` for list items.
boost::json::object referral_json(const core::ReferralRecord& r, core::Timestamp now);
boost::json::object referral_json(const core::ReferralRecord& r,
                                  const std::vector<core::HistoryEntry>& history,
                                  core::Timestamp now);

boost::json::object message_json(const core::MessageRecord& m);

}  // namespace enlace::gateway
