// The case store over SQLite: see sql_case_store.hpp.
#include "storage/sql_case_store.hpp"

#include "storage/case_repository.hpp"
#include "storage/consent_repository.hpp"
#include "storage/disclosure_report.hpp"

namespace enlace::storage {

std::vector<std::string> SqlCaseStore::known_categories() {
  return CaseRepository::known_categories(tx_);
}

std::vector<std::string> SqlCaseStore::possible_duplicates(const core::Actor& actor,
                                                              const core::Person& person,
                                                              core::Date today) {
  return CaseRepository::possible_duplicates(tx_, actor, person, today);
}

bool SqlCaseStore::known_elsewhere(const core::Actor& actor, const core::Person& person) {
  return CaseRepository::known_elsewhere(tx_, actor, person);
}

core::Result<core::CaseRecord> SqlCaseStore::insert_case(const core::Actor& actor,
                                                            const std::string& id,
                                                            const core::CaseFile& file,
                                                            core::Timestamp now) {
  return CaseRepository::insert(tx_, actor, id, file, now);
}

core::Result<core::CaseRecord> SqlCaseStore::find_case(const core::Actor& actor,
                                                          const std::string& id) {
  return CaseRepository::find_for_update(tx_, actor, id);
}

core::Result<core::CaseRecord> SqlCaseStore::update_case(const core::Actor& actor,
                                                            const std::string& id,
                                                            std::int64_t version,
                                                            const core::CaseFile& file,
                                                            core::Timestamp now) {
  return CaseRepository::update(tx_, actor, id, version, file, now);
}

core::Result<core::CaseRecord> SqlCaseStore::close_case(
    const core::Actor& actor, const std::string& id, std::optional<std::int64_t> version,
    const std::optional<std::string>& reason, core::Timestamp now) {
  return CaseRepository::close(tx_, actor, id, version, reason, now);
}

core::Result<std::vector<core::HouseholdLink>> SqlCaseStore::link_household(
    const core::Actor& actor, const std::string& case_id, const std::string& other_case_id,
    const std::string& relation) {
  return CaseRepository::add_household_link(tx_, actor, case_id, other_case_id, relation);
}

core::Result<core::CaseTransferred> SqlCaseStore::transfer_case(
    const core::Actor& actor, const std::string& id, std::int64_t version,
    const core::TransferRequest& request, const std::string& transfer_id, core::Timestamp now) {
  return CaseRepository::transfer(tx_, actor, id, version, request, transfer_id, now);
}

core::Result<core::Consent> SqlCaseStore::insert_consent(const core::Actor& actor,
                                                            const std::string& case_id,
                                                            const std::string& id,
                                                            const core::Consent& consent) {
  return ConsentRepository::insert(tx_, actor, case_id, id, consent);
}

core::Result<core::Consent> SqlCaseStore::withdraw_consent(
    const core::Actor& actor, const std::string& case_id, const std::string& consent_id,
    std::optional<std::int64_t> version, core::Timestamp now) {
  return ConsentRepository::withdraw(tx_, actor, case_id, consent_id, version, now);
}

core::Result<std::vector<core::CaseRecord>> SqlCaseReader::list_cases(
    const core::Actor& actor, const core::CaseListFilter& filter) {
  return CaseRepository::list(tx_, actor, filter);
}

core::Result<core::DisclosureReport> SqlCaseReader::disclosures(const core::Actor& actor,
                                                                   const std::string& case_id) {
  return disclosure_report(tx_, actor, case_id);
}

}  // namespace enlace::storage
