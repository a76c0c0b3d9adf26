// register_case on in-memory ports: what a registration leaves (the case, its "case.create"
// event, the duplicate warnings) and that a form that does not hold leaves nothing.
#include "core/use_cases/register_case.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

#include <map>

namespace enlace::core {
namespace {

using testing::at;
using testing::MemoryAuditTrail;
using testing::names_field;
using testing::RecordedAudit;

// Keeps cases by id; "may be the same person" is a same given name, here in the actor's
// organisation (duplicates) or in another (elsewhere).
class MemoryCaseStore final : public CaseStore {
 public:
  std::map<std::string, CaseRecord> cases;
  std::vector<std::string> calls;  // in order, to check what is asked before the insert

  std::vector<std::string> known_categories() override { return {"shelter", "health"}; }
  std::vector<std::string> possible_duplicates(const Actor& actor, const Person& p,
                                               Date) override {
    calls.push_back("possible_duplicates");
    std::vector<std::string> out;
    for (const auto& [id, c] : cases)
      if (c.organization_id == actor.organization_id &&
          c.file.person.given_name == p.given_name)
        out.push_back(id);
    return out;
  }
  bool known_elsewhere(const Actor& actor, const Person& p) override {
    calls.push_back("known_elsewhere");
    for (const auto& [id, c] : cases)
      if (c.organization_id != actor.organization_id &&
          c.file.person.given_name == p.given_name)
        return true;
    return false;
  }
  Result<CaseRecord> insert_case(const Actor& actor, const std::string& id,
                                 const CaseFile& file, Timestamp now) override {
    calls.push_back("insert_case");
    CaseRecord r{id, actor.organization_id, file, {}, {}, 1, now, now, std::nullopt,
                 std::nullopt};
    cases.emplace(id, r);
    return r;
  }
};

class RegisterCase : public ::testing::Test {
 protected:
  MemoryCaseStore store;
  MemoryAuditTrail audit;
  CasePorts ports{store, audit};
  Timestamp now = at("2026-12-06T10:00:00Z");
  Actor caseworker{"u-cw", "org-a", {Role::caseworker}, ""};
  Actor elsewhere{"u-cw2", "org-b", {Role::caseworker}, ""};

  CaseDraft draft() {
    CaseDraft d;
    d.person.given_name = "Ana";
    d.person.estimated_age = 8;
    d.person.sex = "female";
    d.person.nationality = "HT";
    d.territory_id = "t-quito";
    d.needs = std::vector<NeedDraft>{{"shelter", "emergency", "Tonight"}};
    return d;
  }
};

TEST_F(RegisterCase, ACaseIsWrittenForTheActorsOrganisationAndAudited) {
  auto r = register_case(ports, caseworker, draft(), "case-1", now);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  EXPECT_EQ(r->record.id, "case-1");
  EXPECT_EQ(r->record.organization_id, "org-a");
  EXPECT_EQ(r->record.file.person.given_name, "Ana");
  EXPECT_TRUE(r->possible_duplicates.empty());
  EXPECT_FALSE(r->known_elsewhere);
  EXPECT_EQ(audit.events, (std::vector<RecordedAudit>{{"case.create", "case", "case-1", "ok"}}));
}

TEST_F(RegisterCase, AFormThatDoesNotHoldWritesNothing) {
  auto d = draft();
  d.needs = std::vector<NeedDraft>{{"astrology", "emergency", ""}};
  auto r = register_case(ports, caseworker, d, "case-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_TRUE(store.cases.empty());
  EXPECT_TRUE(store.calls.empty());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(RegisterCase, TheOrganisationsOwnMatchesAreNamedAndOthersOnlyHinted) {
  ASSERT_TRUE(register_case(ports, caseworker, draft(), "case-1", now).has_value());
  ASSERT_TRUE(register_case(ports, elsewhere, draft(), "case-2", now).has_value());
  store.calls.clear();
  auto r = register_case(ports, caseworker, draft(), "case-3", now);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->possible_duplicates, std::vector<std::string>{"case-1"});
  EXPECT_TRUE(r->known_elsewhere);
  // Asked before the insert, so the new case is never its own match.
  EXPECT_EQ(store.calls, (std::vector<std::string>{"possible_duplicates", "known_elsewhere",
                                                   "insert_case"}));
}

}  // namespace
}  // namespace enlace::core
