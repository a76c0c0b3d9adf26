// Network-wide settings (table `setting`, JSON values): the response standards and the demo
// flag. Any signed-in user reads the response standards; system_admin writes them.
#pragma once

#include "core/ports/settings_store.hpp"
#include "core/response_standards.hpp"
#include "core/response_standards_record.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/txn.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace enlace::storage {

using core::kResponseStandardsKey;  // core/response_standards_record.hpp
inline constexpr const char* kDemoKey = core::kDemoSettingKey;

struct SettingRecord {
  std::string key, value;  // value is JSON text
  std::int64_t version = 1;
  core::Timestamp updated_at{};
};

using core::ResponseStandardsRecord;  // core/response_standards_record.hpp

class SettingsRepository {
 public:
  template <class Txn>
  static std::optional<SettingRecord> find(Txn& tx, const std::string& key);
  // Inserts or replaces; `expected_version` (when given) must match the stored one (412).
  static core::Result<SettingRecord> put(WriteTxn& tx, const std::string& key,
                                         const std::string& json_value,
                                         std::optional<std::int64_t> expected_version,
                                         core::Timestamp now);

  // The defaults of core::ResponseStandards when the setting was never stored.
  template <class Txn>
  static ResponseStandardsRecord response_standards(Txn& tx);
  static core::Result<ResponseStandardsRecord> save_response_standards(
      WriteTxn& tx, const core::ResponseStandards& s, std::int64_t expected_version,
      core::Timestamp now);

  template <class Txn>
  static bool is_demo(Txn& tx);
  static void mark_demo(WriteTxn& tx, core::Timestamp now);
};

// Whether the database at `path` was made by `init --demo` (read at server start-up).
core::Result<bool> read_demo_flag(const std::string& path);

// The stored JSON text of response standards: {"hours":{...},"by_category":{...}}.
std::string response_standards_json(const core::ResponseStandards& s);

}  // namespace enlace::storage
