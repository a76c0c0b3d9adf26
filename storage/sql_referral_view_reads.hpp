// core::ReferralViewReads over a read snapshot (ReadTxn) of storage's Connection, SQLite or
// PostgreSQL: one referral as the actor sees it, its history, tracking code and thread, read on
// the pool so that an audited read leaves only its event to the writer. Scoping stays in the
// repositories' SQL, as in SqliteReferralStore.
#pragma once

#include "core/ports/referral_view_reads.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlReferralViewReads final : public core::ReferralViewReads {
 public:
  explicit SqlReferralViewReads(ReadTxn& tx) : tx_(tx) {}
  core::Result<core::ReferralRecord> find_referral(const core::Actor& actor,
                                                   const std::string& id) override;
  std::vector<core::HistoryEntry> history(const core::ReferralRecord& found) override;
  std::optional<std::string> tracking_code(const std::string& referral_id) override;
  std::vector<core::MessageRecord> messages(const core::Actor& actor,
                                            const std::string& referral_id,
                                            std::int64_t after_seq, int limit) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
