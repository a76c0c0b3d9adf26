// The case store over SQLite: see sqlite_case_store.hpp.
#include "storage/sqlite_case_store.hpp"

#include "storage/case_repository.hpp"

namespace enlace::storage {

std::vector<std::string> SqliteCaseStore::known_categories() {
  return CaseRepository::known_categories(tx_);
}

std::vector<std::string> SqliteCaseStore::possible_duplicates(const core::Actor& actor,
                                                              const core::Person& person,
                                                              core::Date today) {
  return CaseRepository::possible_duplicates(tx_, actor, person, today);
}

bool SqliteCaseStore::known_elsewhere(const core::Actor& actor, const core::Person& person) {
  return CaseRepository::known_elsewhere(tx_, actor, person);
}

core::Result<core::CaseRecord> SqliteCaseStore::insert_case(const core::Actor& actor,
                                                            const std::string& id,
                                                            const core::CaseFile& file,
                                                            core::Timestamp now) {
  return CaseRepository::insert(tx_, actor, id, file, now);
}

}  // namespace enlace::storage
