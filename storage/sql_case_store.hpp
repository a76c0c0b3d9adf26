// The case use cases' store ports (core/ports/case_store.hpp) over one transaction of storage's
// Connection (SQLite or PostgreSQL): the store over a write, the reader over a read snapshot.
// Thin: each call is a CaseRepository or ConsentRepository function, scoped there in SQL.
#pragma once

#include "core/ports/case_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlCaseStore final : public core::CaseStore {
 public:
  explicit SqlCaseStore(WriteTxn& tx) : tx_(tx) {}

  std::vector<std::string> known_categories() override;
  std::vector<std::string> possible_duplicates(const core::Actor& actor,
                                               const core::Person& person,
                                               core::Date today) override;
  bool known_elsewhere(const core::Actor& actor, const core::Person& person) override;
  core::Result<core::CaseRecord> insert_case(const core::Actor& actor, const std::string& id,
                                             const core::CaseFile& file,
                                             core::Timestamp now) override;
  core::Result<core::CaseRecord> find_case(const core::Actor& actor,
                                           const std::string& id) override;
  core::Result<core::CaseRecord> update_case(const core::Actor& actor, const std::string& id,
                                             std::int64_t version, const core::CaseFile& file,
                                             core::Timestamp now) override;
  core::Result<core::CaseRecord> close_case(const core::Actor& actor, const std::string& id,
                                            std::optional<std::int64_t> version,
                                            const std::optional<std::string>& reason,
                                            core::Timestamp now) override;
  core::Result<std::vector<core::HouseholdLink>> link_household(
      const core::Actor& actor, const std::string& case_id, const std::string& other_case_id,
      const std::string& relation) override;
  core::Result<core::CaseTransferred> transfer_case(const core::Actor& actor,
                                                    const std::string& id, std::int64_t version,
                                                    const core::TransferRequest& request,
                                                    const std::string& transfer_id,
                                                    core::Timestamp now) override;
  core::Result<core::Consent> insert_consent(const core::Actor& actor,
                                             const std::string& case_id, const std::string& id,
                                             const core::Consent& consent) override;
  core::Result<core::Consent> withdraw_consent(const core::Actor& actor,
                                               const std::string& case_id,
                                               const std::string& consent_id,
                                               std::optional<std::int64_t> version,
                                               core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

class SqlCaseReader final : public core::CaseReader {
 public:
  explicit SqlCaseReader(ReadTxn& tx) : tx_(tx) {}
  core::Result<std::vector<core::CaseRecord>> list_cases(
      const core::Actor& actor, const core::CaseListFilter& filter) override;
  core::Result<core::DisclosureReport> disclosures(const core::Actor& actor,
                                                   const std::string& case_id) override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
