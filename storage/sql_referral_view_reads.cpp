// A referral's reads on a snapshot: see sql_referral_view_reads.hpp.
#include "storage/sql_referral_view_reads.hpp"

#include "storage/referral_message_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/tracking_repository.hpp"

namespace enlace::storage {

core::Result<core::ReferralRecord> SqlReferralViewReads::find_referral(const core::Actor& actor,
                                                                       const std::string& id) {
  return ReferralRepository::find(tx_, actor, id);
}

std::vector<core::HistoryEntry> SqlReferralViewReads::history(const core::ReferralRecord& found) {
  return ReferralRepository::history(tx_, found);
}

std::optional<std::string> SqlReferralViewReads::tracking_code(const std::string& referral_id) {
  return TrackingRepository::code_of(tx_, referral_id);
}

std::vector<core::MessageRecord> SqlReferralViewReads::messages(const core::Actor& actor,
                                                                const std::string& referral_id,
                                                                std::int64_t after_seq,
                                                                int limit) {
  return ReferralMessageRepository::list(tx_, actor, referral_id, after_seq, limit);
}

}  // namespace enlace::storage
