// register_case on in-memory ports: what a registration leaves (the case, its "case.create"
// event, the duplicate warnings) and that a form that does not hold leaves nothing.
#include "core/use_cases/register_case.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_case_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::names_field;
using testing::RecordedAudit;

using RegisterCase = testing::CasePortsTest;

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
  ASSERT_TRUE(register_case(ports, stranger, draft(), "case-2", now).has_value());
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
