// Retention on in-memory ports: which cases a purge erases (closed at least the period ago,
// not purged yet), what each leaves in the audit log and in whose name, and the period's floor.
#include "core/use_cases/purge_closed_cases.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/recorded_system_audit.hpp"

#include <chrono>
#include <map>

namespace enlace::core {
namespace {

using testing::at;
using testing::RecordedSystemAudit;
using testing::SystemEvent;

struct StoredCase {
  std::string organization;
  std::optional<Timestamp> closed_at;  // none: open
  std::optional<Timestamp> purged_at;
};

// Cases by id, answered as the SQL does (closed at or before the cutoff, not purged, by id).
class MemoryRetention final : public RetentionStore {
 public:
  std::map<std::string, StoredCase> cases;
  int asks = 0;

  std::vector<PurgeDue> closed_unpurged(Timestamp cutoff) override {
    ++asks;
    std::vector<PurgeDue> due;
    for (const auto& [id, c] : cases)
      if (c.closed_at && *c.closed_at <= cutoff && !c.purged_at) due.push_back({id, c.organization});
    return due;
  }
  void erase_case(const std::string& id, Timestamp now) override { cases.at(id).purged_at = now; }
};

class PurgeClosedCases : public ::testing::Test {
 protected:
  MemoryRetention store;
  RecordedSystemAudit audit;
  RetentionPorts ports{store, audit};
  Timestamp now = at("2031-06-01T00:00:00Z");
};

TEST_F(PurgeClosedCases, ErasesOnlyCasesClosedAtLeastThePeriodAgo) {
  store.cases["c-old"] = {"o-a", now - std::chrono::days(31), {}};
  store.cases["c-edge"] = {"o-b", now - std::chrono::days(30), {}};
  store.cases["c-recent"] = {"o-a", now - std::chrono::days(29), {}};
  store.cases["c-open"] = {"o-a", {}, {}};

  auto purged = purge_closed_cases(ports, 30, now);
  ASSERT_TRUE(purged.has_value());
  EXPECT_EQ(*purged, 2);
  EXPECT_EQ(store.cases["c-old"].purged_at, now);
  EXPECT_EQ(store.cases["c-edge"].purged_at, now) << "closed exactly the period ago is due";
  EXPECT_FALSE(store.cases["c-recent"].purged_at);
  EXPECT_FALSE(store.cases["c-open"].purged_at);
}

TEST_F(PurgeClosedCases, EachPurgedCaseLeavesCasePurgeInItsOrganisationsName) {
  store.cases["c-1"] = {"o-a", now - std::chrono::days(400), {}};
  store.cases["c-2"] = {"o-b", now - std::chrono::days(400), {}};

  ASSERT_TRUE(purge_closed_cases(ports, 365, now).has_value());
  EXPECT_EQ(audit.events, (std::vector<SystemEvent>{{"o-a", "case.purge", "case", "c-1"},
                                                    {"o-b", "case.purge", "case", "c-2"}}));
}

TEST_F(PurgeClosedCases, ACasePurgedAlreadyIsNotPurgedOrRecordedAgain) {
  store.cases["c-1"] = {"o-a", now - std::chrono::days(400), now - std::chrono::days(10)};

  auto purged = purge_closed_cases(ports, 365, now);
  ASSERT_TRUE(purged.has_value());
  EXPECT_EQ(*purged, 0);
  EXPECT_EQ(store.cases["c-1"].purged_at, now - std::chrono::days(10));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(PurgeClosedCases, APeriodUnderADayIsRefusedBeforeAnythingIsRead) {
  store.cases["c-1"] = {"o-a", now - std::chrono::days(1), {}};
  for (int days : {0, -5}) {
    auto purged = purge_closed_cases(ports, days, now);
    ASSERT_FALSE(purged.has_value());
    EXPECT_TRUE(testing::names_field(purged.error(), "older_than")) << days;
  }
  EXPECT_EQ(store.asks, 0);
  EXPECT_FALSE(store.cases["c-1"].purged_at);
}

}  // namespace
}  // namespace enlace::core
