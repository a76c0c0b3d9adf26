// What the settings use cases read and write (core/use_cases/response_standards.hpp): the
// network's response standards, and the demo flag. Network-wide, not personal data: no caller is taken. The SQL
// adapters (SQLite and PostgreSQL alike) are storage/sql_settings_store.hpp.
#pragma once

#include "core/response_standards.hpp"
#include "core/response_standards_record.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace enlace::core {

// The setting that says the database holds `init --demo`'s network.
inline constexpr const char* kDemoSettingKey = "demo";

// Bound to one write transaction.
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  // The stored standards, or the defaults at version 1 when never stored.
  virtual ResponseStandardsRecord response_standards() = 0;
  // The category codes the network knows (a per-category figure must name one).
  virtual std::vector<std::string> category_codes() = 0;
  // Replaces them at `expected_version` (stale when it moved).
  virtual Result<ResponseStandardsRecord> save_response_standards(const ResponseStandards& s,
                                                                  std::int64_t expected_version,
                                                                  Timestamp now) = 0;
  // Sets kDemoSettingKey: the server then says it serves the demo network.
  virtual void mark_demo(Timestamp now) = 0;
};

// Bound to one read snapshot.
class SettingsReader {
 public:
  virtual ~SettingsReader() = default;
  virtual ResponseStandardsRecord response_standards() = 0;
};

}  // namespace enlace::core
