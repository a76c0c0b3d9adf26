// The case use cases' store port over one SQLite write transaction (core/ports/case_store.hpp).
// Thin: each call is a CaseRepository function, scoped there in SQL.
#pragma once

#include "core/ports/case_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqliteCaseStore final : public core::CaseStore {
 public:
  explicit SqliteCaseStore(WriteTxn& tx) : tx_(tx) {}

  std::vector<std::string> known_categories() override;
  std::vector<std::string> possible_duplicates(const core::Actor& actor,
                                               const core::Person& person,
                                               core::Date today) override;
  bool known_elsewhere(const core::Actor& actor, const core::Person& person) override;
  core::Result<core::CaseRecord> insert_case(const core::Actor& actor, const std::string& id,
                                             const core::CaseFile& file,
                                             core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

}  // namespace enlace::storage
