// The case use cases on in-memory ports (read, list, access report, edit, close, household, consents,
// transfer): what each leaves on success, how each refuses, and the audit event each leaves or
// does not (a 403/404 is recorded as its refusal; a stale version, a conflict or a form that
// does not hold rolls back and leaves none).
#include "core/use_cases/case_consents.hpp"
#include "core/use_cases/case_edits.hpp"
#include "core/use_cases/case_reads.hpp"
#include "core/use_cases/register_case.hpp"
#include "core/use_cases/transfer_case.hpp"

#include "unit/core/test_support.hpp"
#include "unit/core/use_cases/memory_case_store.hpp"
#include "unit/core/use_cases/memory_referral_ports.hpp"

namespace enlace::core {
namespace {

using testing::fields_of;
using testing::names_field;
using testing::RecordedAudit;
using testing::RecordedListing;
using Events = std::vector<RecordedAudit>;

class CaseUseCases : public testing::CasePortsTest {
 protected:
  void SetUp() override {
    add_case("case-1", "Ana", caseworker);
    add_case("case-2", "Luis", caseworker);
    add_case("case-9", "Eva", stranger);
    audit.events.clear();
    store.calls.clear();
  }

  void add_case(const std::string& id, const std::string& given, const Actor& by) {
    auto d = draft(given);
    d.person.estimated_age = 30;
    ASSERT_TRUE(register_case(ports, by, d, id, now).has_value());
  }

  ConsentDraft transfer_consent(const std::string& to) {
    ConsentDraft d;
    d.method = "written";
    d.categories = std::vector<std::string>{std::string(kCaseTransferScope), "shelter"};
    d.organizations = std::vector<std::string>{to};
    return d;
  }
};

// ---- read and list ---------------------------------------------------------------------------

TEST_F(CaseUseCases, ACaseOfTheActorsOrganisationIsReadAndTheReadAudited) {
  auto r = read_case(ports, caseworker, "case-1");
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->value.has_value());
  EXPECT_EQ(r->value->file.person.given_name, "Ana");
  EXPECT_EQ(audit.events, (Events{{"case.read", "case", "case-1", "ok"}}));
}

TEST_F(CaseUseCases, AnotherOrganisationsCaseIsNotFoundAndTheProbeIsAudited) {
  auto r = read_case(ports, stranger, "case-1");
  ASSERT_TRUE(r.has_value());  // a refusal commits its event
  ASSERT_TRUE(r->refused.has_value());
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (Events{{"case.read", "case", "case-1", "not_found"}}));
}

TEST_F(CaseUseCases, APartnerOfTheOrganisationDoesNotSeeItsCases) {
  auto r = read_case(ports, partner, "case-1");
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->refused.has_value());
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (Events{{"case.read", "case", "case-1", "not_found"}}));
}

TEST_F(CaseUseCases, APageListsTheOrganisationsCasesAndItsEventNamesOnlyThoseShown) {
  CaseListFilter filter;
  filter.limit = 1;
  auto page = list_cases(store, caseworker, filter);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->rows.size(), 2u);  // the second only says that a next page exists
  EXPECT_EQ(page->rows[0].id, "case-1");
  EXPECT_EQ(page->shown, std::vector<std::string>{"case-1"});
  EXPECT_TRUE(audit.listings.empty());  // the read records nothing: the page's write does
  record_case_page(audit, page->shown);
  EXPECT_EQ(audit.listings,
            (std::vector<RecordedListing>{{"case.list", "case", {"case-1"}}}));
  filter.after = "case-1";
  filter.limit = 50;
  page = list_cases(store, caseworker, filter);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->shown, std::vector<std::string>{"case-2"});  // never org-b's case-9
}

TEST_F(CaseUseCases, TheAccessReportIsTheOwningOrganisationsAndItsOpeningIsRecorded) {
  auto report = read_disclosures(store, caseworker, "case-1");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->case_id, "case-1");
  EXPECT_TRUE(audit.events.empty());  // the read records nothing: the write after it does
  record_disclosures_read(audit, "case-1");
  EXPECT_EQ(audit.events, (Events{{"case.disclosures.read", "case", "case-1", "ok"}}));
  auto theirs = read_disclosures(store, stranger, "case-1");
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code, ErrorCode::not_found);
}

// ---- edit ------------------------------------------------------------------------------------

TEST_F(CaseUseCases, AnEditChangesWhatItSendsKeepsTheRestAndIsAudited) {
  CasePatch patch;
  patch.notes = std::optional<std::string>("Family of four");
  patch.person.family_name = std::optional<std::string>("Pérez");
  auto r = edit_case(ports, caseworker, "case-1", 1, patch, now);
  ASSERT_TRUE(r.has_value()) << fields_of(r.error());
  ASSERT_TRUE(r->value.has_value());
  EXPECT_EQ(r->value->version, 2);
  EXPECT_EQ(r->value->file.notes, "Family of four");
  EXPECT_EQ(r->value->file.person.family_name, "Pérez");
  EXPECT_EQ(r->value->file.person.given_name, "Ana");
  // The estimate keeps the day it was made, which a draft does not carry.
  EXPECT_EQ(r->value->file.person.age.estimated_age, 30);
  EXPECT_EQ(r->value->file.person.age.estimated_on, date_of(now));
  ASSERT_EQ(r->value->file.needs.size(), 1u);
  EXPECT_EQ(audit.events, (Events{{"case.update", "case", "case-1", "ok"}}));
}

TEST_F(CaseUseCases, AFieldSentAsNullIsCleared) {
  CasePatch patch;
  patch.notes = std::optional<std::string>("x");
  ASSERT_TRUE(edit_case(ports, caseworker, "case-1", 1, patch, now).has_value());
  patch.notes = std::optional<std::string>();
  auto r = edit_case(ports, caseworker, "case-1", 2, patch, now);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->file.notes, "");
}

TEST_F(CaseUseCases, AStaleVersionChangesNothingAndLeavesNoEvent) {
  CasePatch patch;
  patch.notes = std::optional<std::string>("late");
  auto r = edit_case(ports, caseworker, "case-1", 7, patch, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::stale);
  EXPECT_EQ(store.cases.at("case-1").file.notes, "");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AClosedCaseCannotBeEdited) {
  ASSERT_TRUE(close_case(ports, caseworker, "case-1", std::nullopt, "Moved on", now));
  audit.events.clear();
  CasePatch patch;
  patch.notes = std::optional<std::string>("after");
  auto r = edit_case(ports, caseworker, "case-1", 2, patch, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(r.error().type, "case-closed");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AStrangersCaseIsNotFoundWhateverTheBodySays) {
  CasePatch patch;
  patch.errors.add("colour", "is not a field");
  auto r = edit_case(ports, stranger, "case-1", 1, patch, now);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->refused.has_value());
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (Events{{"case.update", "case", "case-1", "not_found"}}));
}

TEST_F(CaseUseCases, TheBodysErrorsAndTheNeedsMergeErrorsKeepTheBodysOrder) {
  CasePatch patch;
  patch.errors.add("territory_id", "must be a string");
  patch.errors.add("notes", "must be a string");
  patch.needs_errors_at = 1;  // needs came between the two in the body
  patch.needs = std::optional<std::vector<NeedDraft>>(
      std::vector<NeedDraft>{{std::nullopt, "high", std::nullopt, std::nullopt, "no-such-need"}});
  auto r = edit_case(ports, caseworker, "case-1", 1, patch, now);
  ASSERT_FALSE(r.has_value());
  const auto& items = r.error().fields.items();
  ASSERT_EQ(items.size(), 3u) << fields_of(r.error());
  EXPECT_EQ(items[0].field, "territory_id");
  EXPECT_EQ(items[1].field, "needs[0].id");
  EXPECT_EQ(items[2].field, "notes");
  EXPECT_EQ(store.cases.at("case-1").version, 1);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, ANeedLeftOutOfThePatchStaysWithdrawn) {
  const std::string shelter = store.cases.at("case-1").file.needs.at(0).id;
  CasePatch patch;
  patch.needs = std::optional<std::vector<NeedDraft>>(
      std::vector<NeedDraft>{{"health", "normal", "Check-up"}});
  auto r = edit_case(ports, caseworker, "case-1", 1, patch, now);
  ASSERT_TRUE(r.has_value() && r->value) << (r ? "" : fields_of(r.error()));
  ASSERT_EQ(r->value->file.needs.size(), 2u);
  EXPECT_EQ(r->value->file.needs[0].category, "health");
  EXPECT_EQ(r->value->file.needs[1].category, "shelter");
  EXPECT_EQ(r->value->file.needs[1].id, shelter);
  EXPECT_EQ(r->value->file.needs[1].status, NeedStatus::withdrawn);
}

TEST_F(CaseUseCases, AnEditTheFormRefusesWritesNothing) {
  CasePatch patch;
  patch.person.given_name = std::optional<std::string>("");
  auto r = edit_case(ports, caseworker, "case-1", 1, patch, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "person.given_name")) << fields_of(r.error());
  EXPECT_EQ(store.calls, std::vector<std::string>{"find_case"});
  EXPECT_TRUE(audit.events.empty());
}

// ---- close and household ---------------------------------------------------------------------

TEST_F(CaseUseCases, ClosingIsAuditedAndASecondCloseIsAConflictWithoutEvent) {
  auto r = close_case(ports, caseworker, "case-1", 1, "Resettled", now);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_EQ(r->value->file.status, CaseStatus::closed);
  EXPECT_EQ(audit.events, (Events{{"case.close", "case", "case-1", "ok"}}));
  auto again = close_case(ports, caseworker, "case-1", std::nullopt, "Twice", now);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().type, "case-closed");
  EXPECT_EQ(audit.events.size(), 1u);
}

TEST_F(CaseUseCases, ClosingNeedsAReasonAndTheCurrentVersion) {
  auto r = close_case(ports, caseworker, "case-1", std::nullopt, std::nullopt, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "reason"));
  auto stale = close_case(ports, caseworker, "case-1", 5, "Resettled", now);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::stale);
  EXPECT_EQ(store.cases.at("case-1").file.status, CaseStatus::open);
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AStrangersCloseIsRefusedAndAudited) {
  auto r = close_case(ports, stranger, "case-1", std::nullopt, "Mine now", now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(store.cases.at("case-1").file.status, CaseStatus::open);
  EXPECT_EQ(audit.events, (Events{{"case.close", "case", "case-1", "not_found"}}));
}

TEST_F(CaseUseCases, LinkingAHouseholdReturnsTheCaseWithItsLinkAndIsAudited) {
  auto r = link_household(ports, caseworker, "case-1", "case-2", "sibling");
  ASSERT_TRUE(r.has_value() && r->value);
  ASSERT_EQ(r->value->household.size(), 1u);
  EXPECT_EQ(r->value->household[0].case_id, "case-2");
  EXPECT_EQ(r->value->household[0].relation, "sibling");
  EXPECT_EQ(audit.events, (Events{{"case.household", "case", "case-1", "ok"}}));
}

TEST_F(CaseUseCases, AHouseholdLinkToAStrangersCaseIsInvalidAndLeavesNoEvent) {
  auto r = link_household(ports, caseworker, "case-1", "case-9", "sibling");
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "case_id"));
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AHouseholdLinkFromAStrangersCaseIsNotFoundAndAudited) {
  auto r = link_household(ports, caseworker, "case-9", "case-1", "sibling");
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_TRUE(store.cases.at("case-9").household.empty());
  EXPECT_EQ(audit.events, (Events{{"case.household", "case", "case-9", "not_found"}}));
}

// ---- consents --------------------------------------------------------------------------------

TEST_F(CaseUseCases, ARecordedConsentIsAuditedOnTheCase) {
  auto r = record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now);
  ASSERT_TRUE(r.has_value() && r->value) << (r ? "" : fields_of(r.error()));
  EXPECT_EQ(r->value->id, "con-1");
  EXPECT_TRUE(is_active(*r->value, now));
  EXPECT_EQ(store.cases.at("case-1").consents.size(), 1u);
  EXPECT_EQ(audit.events, (Events{{"consent.create", "case", "case-1", "ok"}}));
}

TEST_F(CaseUseCases, AConsentOnAStrangersCaseIsNotFoundBeforeTheFormIsChecked) {
  ConsentDraft nonsense;  // no method, no lists
  auto r = record_consent(ports, stranger, "case-1", "con-1", nonsense, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(audit.events, (Events{{"consent.create", "case", "case-1", "not_found"}}));
}

TEST_F(CaseUseCases, AConsentFormThatDoesNotHoldOrAClosedCaseWritesNothing) {
  auto d = transfer_consent("org-b");
  d.method = "telepathy";
  auto r = record_consent(ports, caseworker, "case-1", "con-1", d, now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "method"));
  ASSERT_TRUE(close_case(ports, caseworker, "case-1", std::nullopt, "Done", now));
  audit.events.clear();
  auto closed = record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now);
  ASSERT_FALSE(closed.has_value());
  EXPECT_EQ(closed.error().type, "case-closed");
  EXPECT_TRUE(store.cases.at("case-1").consents.empty());
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AWithdrawnConsentCannotBeWithdrawnAgain) {
  ASSERT_TRUE(record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now));
  audit.events.clear();
  auto stale = withdraw_consent(ports, caseworker, "case-1", "con-1", 4, now);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::stale);
  auto r = withdraw_consent(ports, caseworker, "case-1", "con-1", 1, now);
  ASSERT_TRUE(r.has_value() && r->value);
  EXPECT_FALSE(is_active(*r->value, now));
  EXPECT_EQ(audit.events, (Events{{"consent.withdraw", "case", "case-1", "ok"}}));
  auto again = withdraw_consent(ports, caseworker, "case-1", "con-1", std::nullopt, now);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().type, "consent-withdrawn");
  EXPECT_EQ(audit.events.size(), 1u);
}

TEST_F(CaseUseCases, WithdrawingAStrangersConsentIsNotFoundAndAudited) {
  ASSERT_TRUE(record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now));
  audit.events.clear();
  auto r = withdraw_consent(ports, stranger, "case-1", "con-1", std::nullopt, now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_FALSE(store.cases.at("case-1").consents.at(0).withdrawn_at.has_value());
  EXPECT_EQ(audit.events, (Events{{"consent.withdraw", "case", "case-1", "not_found"}}));
}

// ---- transfer --------------------------------------------------------------------------------

TEST_F(CaseUseCases, ATransferUnderACoveringConsentIsAuditedOnBothSides) {
  ASSERT_TRUE(record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now));
  audit.events.clear();
  auto r = transfer_case(ports, caseworker, "case-1", 1, {"org-b", "Moved"}, "tr-1", now);
  ASSERT_TRUE(r.has_value() && r->value) << (r ? "" : fields_of(r.error()));
  EXPECT_EQ(r->value->from_organization_id, "org-a");
  EXPECT_EQ(r->value->to_organization_id, "org-b");
  EXPECT_EQ(r->value->consent_id, "con-1");
  EXPECT_EQ(audit.events, (Events{{"case.transfer", "case", "case-1", "ok"},
                                  {"case.transfer", "organization", "org-b", "ok"}}));
  // The sender has lost it.
  auto after = read_case(ports, caseworker, "case-1");
  ASSERT_TRUE(after.has_value() && after->refused);
}

TEST_F(CaseUseCases, AWithdrawnConsentCoversNoTransfer) {
  ASSERT_TRUE(record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now));
  ASSERT_TRUE(withdraw_consent(ports, caseworker, "case-1", "con-1", std::nullopt, now));
  audit.events.clear();
  auto r = transfer_case(ports, caseworker, "case-1", 1, {"org-b", "Moved"}, "tr-1", now);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(names_field(r.error(), "consent")) << fields_of(r.error());
  EXPECT_EQ(store.cases.at("case-1").organization_id, "org-a");
  EXPECT_TRUE(audit.events.empty());
}

TEST_F(CaseUseCases, AStaleOrStrangersTransferMovesNothing) {
  ASSERT_TRUE(record_consent(ports, caseworker, "case-1", "con-1", transfer_consent("org-b"), now));
  audit.events.clear();
  auto stale = transfer_case(ports, caseworker, "case-1", 9, {"org-b", "Moved"}, "tr-1", now);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::stale);
  EXPECT_TRUE(audit.events.empty());
  auto r = transfer_case(ports, stranger, "case-1", 1, {"org-b", "Mine"}, "tr-1", now);
  ASSERT_TRUE(r.has_value() && r->refused);
  EXPECT_EQ(r->refused->code, ErrorCode::not_found);
  EXPECT_EQ(store.cases.at("case-1").organization_id, "org-a");
  EXPECT_EQ(audit.events, (Events{{"case.transfer", "case", "case-1", "not_found"}}));
}

}  // namespace
}  // namespace enlace::core
