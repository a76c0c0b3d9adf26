// The referral use cases' store over one SQLite write transaction (core/ports/). Thin: each
// call is a repository function of its own file, scoped there in SQL. Built by the gateway
// inside its db_write job, so everything a use case does commits or rolls back with that job;
// its reads also serve a read snapshot before the write (SqliteReferralReads).
#pragma once

#include "core/ports/referral_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

// The reads sending is decided on (core::ReferralReads), over a read snapshot (ReadTxn, before
// the write) or the write itself (WriteTxn, as part of SqliteReferralStore): one code for both.
template <class Txn, class Port = core::ReferralReads>
class SqliteReferralReadsOn : public Port {
 public:
  explicit SqliteReferralReadsOn(Txn& tx) : tx_(tx) {}

  std::vector<std::string> known_categories() override;
  core::Result<core::CaseForReferral> find_case(const core::Actor& actor,
                                                const std::string& case_id) override;
  bool organization_exists(const std::string& organization_id) override;
  std::optional<core::TargetService> find_service(const std::string& service_id) override;
  std::vector<core::TargetService> services_covering(const std::string& category,
                                                     const std::string& territory_id) override;
  core::ResponseStandards response_standards() override;
  std::optional<core::SendingBasis> sending_basis(const core::Actor& actor,
                                                  const std::string& case_id) override;
  core::Result<core::ReferralRecord> find_referral(const core::Actor& actor,
                                                   const std::string& id) override;

 protected:
  Txn& tx_;
};

using SqliteReferralReads = SqliteReferralReadsOn<ReadTxn>;

class SqliteReferralStore final : public SqliteReferralReadsOn<WriteTxn, core::ReferralStore> {
 public:
  explicit SqliteReferralStore(WriteTxn& tx) : SqliteReferralReadsOn(tx) {}

  core::Result<core::ReferralRecord> insert_referral(const core::Actor& actor,
                                                     const core::NewReferral& r,
                                                     core::Timestamp now) override;
  core::Result<core::ReferralRecord> update_status(const core::Actor& actor,
                                                   const core::ReferralRecord& current,
                                                   const core::TransitionChange& change,
                                                   core::Timestamp now) override;
  core::Result<core::ReferralRecord> mark_reviewed(const core::Actor& actor,
                                                   const std::string& id,
                                                   core::Timestamp now) override;
  std::vector<core::HistoryEntry> history(const core::ReferralRecord& found) override;
  core::MessageRecord insert_message(const core::Actor& actor, const std::string& message_id,
                                     const std::string& referral_id, const std::string& body,
                                     core::Timestamp now) override;
  std::vector<core::MessageRecord> messages(const core::Actor& actor,
                                            const std::string& referral_id,
                                            std::int64_t after_seq, int limit) override;
  std::optional<std::string> tracking_code(const std::string& referral_id) override;
  std::optional<core::Timestamp> respond_link_expiry(const std::string& referral_id) override;
  bool has_external_receiver(const std::string& referral_id) override;
};

}  // namespace enlace::storage
