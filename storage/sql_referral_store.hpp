// The referral use cases' store over one write transaction of storage's Connection (SQLite or
// PostgreSQL), and their reader over a read snapshot (core/ports/). Thin: each call is a
// repository function of its own file, scoped there in SQL. The store is built by the gateway
// inside its db_write job, so everything a use case does commits or rolls back with that job;
// the reader inside a db_read job, off the writer. The store's reads that sending is decided on
// also serve a read snapshot before the write (SqlSendingReads).
#pragma once

#include "core/ports/referral_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

// The reads sending is decided on (core::SendingReads), over a read snapshot (ReadTxn, before
// the write) or the write itself (WriteTxn, as part of SqlReferralStore): one code for both.
template <class Txn, class Port = core::SendingReads>
class SqlSendingReadsOn : public Port {
 public:
  explicit SqlSendingReadsOn(Txn& tx) : tx_(tx) {}

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

using SqlSendingReads = SqlSendingReadsOn<ReadTxn>;

class SqlReferralStore final : public SqlSendingReadsOn<WriteTxn, core::ReferralStore> {
 public:
  explicit SqlReferralStore(WriteTxn& tx) : SqlSendingReadsOn(tx) {}

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
  std::optional<core::RespondLinkTarget> open_respond_link(const std::string& token_hash,
                                                           core::Timestamp now) override;
};

class SqlReferralReader final : public core::ReferralReader {
 public:
  explicit SqlReferralReader(ReadTxn& tx) : tx_(tx) {}
  // ReferralRepository::list: two passes over the box's indexes, about the page's own rows.
  core::Result<std::vector<core::ListedReferral>> list_referrals(
      const core::Actor& actor, const core::ReferralListQuery& query,
      core::Timestamp now) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
