// The settings ports over SQL: see sql_settings_store.hpp.
#include "storage/sql_settings_store.hpp"

#include "storage/category_repository.hpp"
#include "storage/settings_repository.hpp"

namespace enlace::storage {

core::ResponseStandardsRecord SqlSettingsStore::response_standards() {
  return SettingsRepository::response_standards(tx_);
}

std::vector<std::string> SqlSettingsStore::category_codes() {
  return CategoryRepository::codes(tx_);
}

core::Result<core::ResponseStandardsRecord> SqlSettingsStore::save_response_standards(
    const core::ResponseStandards& s, std::int64_t expected_version, core::Timestamp now) {
  return SettingsRepository::save_response_standards(tx_, s, expected_version, now);
}

void SqlSettingsStore::mark_demo(core::Timestamp now) { SettingsRepository::mark_demo(tx_, now); }

core::ResponseStandardsRecord SqlSettingsReader::response_standards() {
  return SettingsRepository::response_standards(tx_);
}

}  // namespace enlace::storage
