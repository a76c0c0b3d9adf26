// The settings use cases' ports over SQL (core/ports/settings_store.hpp): the store over one
// write transaction, the reader over one read snapshot. Thin: SettingsRepository and
// CategoryRepository calls. Serves SQLite and PostgreSQL alike.
#pragma once

#include "core/ports/settings_store.hpp"
#include "storage/txn.hpp"

namespace enlace::storage {

class SqlSettingsStore final : public core::SettingsStore {
 public:
  explicit SqlSettingsStore(WriteTxn& tx) : tx_(tx) {}
  core::ResponseStandardsRecord response_standards() override;
  std::vector<std::string> category_codes() override;
  core::Result<core::ResponseStandardsRecord> save_response_standards(
      const core::ResponseStandards& s, std::int64_t expected_version,
      core::Timestamp now) override;
  void mark_demo(core::Timestamp now) override;

 private:
  WriteTxn& tx_;
};

class SqlSettingsReader final : public core::SettingsReader {
 public:
  explicit SqlSettingsReader(ReadTxn& tx) : tx_(tx) {}
  core::ResponseStandardsRecord response_standards() override;

 private:
  ReadTxn& tx_;
};

}  // namespace enlace::storage
