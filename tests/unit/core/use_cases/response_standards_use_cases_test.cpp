// replace_response_standards on an in-memory settings store: a system_admin replaces them at
// their version and leaves one "settings.update" event; another role, a stale version or a
// figure that does not hold (an unknown category) changes nothing and leaves no event.
#include "core/use_cases/response_standards.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::names_field;
using testing::RecordedAudit;

class MemorySettings final : public SettingsStore, public SettingsReader {
 public:
  ResponseStandardsRecord stored;  // the defaults at version 1 until saved
  std::vector<std::string> categories = {"shelter", "health"};

  ResponseStandardsRecord response_standards() override { return stored; }
  std::vector<std::string> category_codes() override { return categories; }
  Result<ResponseStandardsRecord> save_response_standards(const ResponseStandards& s,
                                                          std::int64_t expected_version,
                                                          Timestamp now) override {
    if (stored.version != expected_version) return Error::stale();
    stored = {s, expected_version + 1, now};
    return stored;
  }
  void mark_demo(Timestamp) override {}
};

class ResponseStandardsUseCases : public ::testing::Test {
 protected:
  MemorySettings settings;
  MemoryAuditTrail audit;
  SettingsPorts ports{settings, audit};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor system_admin{"u-sys", "", {Role::system_admin}, ""};
  Actor org_admin{"u-admin", "org-a", {Role::org_admin}, ""};

  static ResponseStandardsDraft draft() {
    ResponseStandardsDraft d;
    d.hours = {{"emergency", 2}};
    d.by_category = {{"shelter", {{"normal", 48}}}};
    return d;
  }
};

TEST_F(ResponseStandardsUseCases, ASystemAdminReplacesThemAtTheirVersion) {
  auto r = replace_response_standards(ports, system_admin, draft(), 1, now);
  ASSERT_TRUE(r.has_value()) << testing::fields_of(r.error());
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(r->updated_at, now);
  EXPECT_EQ(r->standards.hours.at(Urgency::emergency), 2);
  EXPECT_EQ(r->standards.hours.at(Urgency::high), 24);  // not given: the default
  EXPECT_EQ(r->standards.by_category.at("shelter").at(Urgency::normal), 48);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{
                              {"settings.update", "setting", "response_standards", "ok"}}));
  auto read = read_response_standards(settings);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->version, 2);
}

TEST_F(ResponseStandardsUseCases, AnotherRoleAStaleVersionOrAnUnknownCategoryChangeNothing) {
  auto denied = replace_response_standards(ports, org_admin, draft(), 1, now);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);

  auto bad = draft();
  bad.by_category = {{"dance", {{"normal", 48}}}};
  auto stale = replace_response_standards(ports, system_admin, bad, 3, now);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::stale);  // the version before the figures

  auto unknown = replace_response_standards(ports, system_admin, bad, 1, now);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_TRUE(names_field(unknown.error(), "by_category.dance"));

  EXPECT_EQ(settings.stored.version, 1);
  EXPECT_TRUE(audit.events.empty());
}

}  // namespace
}  // namespace enlace::core
