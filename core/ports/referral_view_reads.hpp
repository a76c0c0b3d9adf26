// The reads of a referral as one actor sees it, without a write: the referral (scoped like
// ReferralStore::find_referral), its history, its tracking code and its thread. A read
// snapshot serves them off the writer (storage/sql_referral_view_reads.hpp); StoreViewReads
// serves the same from a ReferralStore inside a write.
#pragma once

#include "core/ports/referral_store.hpp"
#include "core/referral_message.hpp"
#include "core/referral_record.hpp"
#include "core/result.hpp"
#include "core/role.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace enlace::core {

class ReferralViewReads {
 public:
  virtual ~ReferralViewReads() = default;
  // The referral as `actor` sees it; not_found when they may not see it.
  virtual Result<ReferralRecord> find_referral(const Actor& actor, const std::string& id) = 0;
  // The history of a referral this port returned.
  virtual std::vector<HistoryEntry> history(const ReferralRecord& found) = 0;
  // The referral's tracking code, if it was sent.
  virtual std::optional<std::string> tracking_code(const std::string& referral_id) = 0;
  // The thread of a referral this port returned to `actor`, oldest first, after `after_seq`:
  // up to limit + 1 messages (the extra one tells the caller a next page exists).
  virtual std::vector<MessageRecord> messages(const Actor& actor, const std::string& referral_id,
                                              std::int64_t after_seq, int limit) = 0;
};

// The same reads through a write's store.
class StoreViewReads final : public ReferralViewReads {
 public:
  explicit StoreViewReads(ReferralStore& store) : store_(store) {}
  Result<ReferralRecord> find_referral(const Actor& actor, const std::string& id) override {
    return store_.find_referral(actor, id);
  }
  std::vector<HistoryEntry> history(const ReferralRecord& found) override {
    return store_.history(found);
  }
  std::optional<std::string> tracking_code(const std::string& referral_id) override {
    return store_.tracking_code(referral_id);
  }
  std::vector<MessageRecord> messages(const Actor& actor, const std::string& referral_id,
                                      std::int64_t after_seq, int limit) override {
    return store_.messages(actor, referral_id, after_seq, limit);
  }

 private:
  ReferralStore& store_;
};

}  // namespace enlace::core
