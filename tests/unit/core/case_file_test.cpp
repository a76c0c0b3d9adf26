#include "core/case_file.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::day;
using testing::fields_of;
using testing::names_field;

const Date kToday = day("2026-03-15");
const std::vector<std::string> kCategories = {"shelter", "health", "legal_aid", "food"};

CaseDraft valid_case() {
  CaseDraft d;
  d.person.given_name = "Ana";
  d.person.estimated_age = 8;
  d.person.sex = "female";
  d.person.nationality = "HT";
  d.territory_id = "t-quito";
  d.specific_needs = std::vector<std::string>{"unaccompanied_child", "chronic_illness"};
  d.needs = std::vector<NeedDraft>{{"shelter", "emergency", "Tonight"}, {"health", "high", {}}};
  d.notes = "Arrived by bus.\nMet at the terminal.";
  return d;
}

TEST(CaseFile, ValidDraftBecomesOpenCase) {
  auto c = make_case(valid_case(), kCategories, kToday);
  ASSERT_TRUE(c) << fields_of(c.error());
  EXPECT_EQ(c->status, CaseStatus::open);
  EXPECT_EQ(c->territory_id, "t-quito");
  ASSERT_EQ(c->specific_needs.size(), 2u);
  EXPECT_EQ(c->specific_needs[0], SpecificNeed::unaccompanied_child);
  ASSERT_EQ(c->needs.size(), 2u);
  EXPECT_EQ(c->needs[0].category, "shelter");
  EXPECT_EQ(c->needs[0].urgency, Urgency::emergency);
  EXPECT_EQ(c->needs[0].note, "Tonight");
  EXPECT_EQ(c->needs[1].note, "");
  EXPECT_EQ(c->person.given_name, "Ana");
}

TEST(CaseFile, NeedsAndSpecificNeedsMayBeAbsent) {
  auto d = valid_case();
  d.needs.reset();
  d.specific_needs.reset();
  d.notes.reset();
  auto c = make_case(d, kCategories, kToday);
  ASSERT_TRUE(c) << fields_of(c.error());
  EXPECT_TRUE(c->needs.empty());
  EXPECT_TRUE(c->specific_needs.empty());
}

TEST(CaseFile, ReportsPersonAndCaseErrorsTogether) {
  auto d = valid_case();
  d.person.sex.reset();
  d.territory_id = " ";
  d.specific_needs = std::vector<std::string>{"elderly", "pregnant", "elderly"};
  d.needs = std::vector<NeedDraft>{{"shelter", "urgent", {}},
                                   {"", "high", {}},
                                   {"spaceflight", "normal", {}},
                                   {"shelter", "normal", std::string(2001, 'n')}};
  auto c = make_case(d, kCategories, kToday);
  ASSERT_FALSE(c);
  const Error& e = c.error();
  for (auto f : {"person.sex", "territory_id", "specific_needs[1]", "specific_needs[2]",
                 "needs[0].urgency", "needs[1].category", "needs[2].category",
                 "needs[3].category", "needs[3].note"})
    EXPECT_TRUE(names_field(e, f)) << f << "\n" << fields_of(e);
  EXPECT_EQ(e.fields.items().size(), 9u) << fields_of(e);
}

TEST(CaseFile, DuplicateNeedCategoryIsRefused) {
  auto d = valid_case();
  d.needs = std::vector<NeedDraft>{{"food", "normal", {}}, {"food", "high", {}}};
  auto c = make_case(d, kCategories, kToday);
  ASSERT_FALSE(c);
  EXPECT_TRUE(names_field(c.error(), "needs[1].category")) << fields_of(c.error());
}

TEST(CaseFile, NeedNeedsUrgency) {
  auto d = valid_case();
  d.needs = std::vector<NeedDraft>{{"food", {}, {}}};
  EXPECT_TRUE(names_field(make_case(d, kCategories, kToday).error(), "needs[0].urgency"));
}

TEST(CaseFile, NoKnownCategoriesMeansNoNeedIsValid) {
  auto c = make_case(valid_case(), {}, kToday);
  ASSERT_FALSE(c);
  EXPECT_TRUE(names_field(c.error(), "needs[0].category"));
}

TEST(CaseFile, StatusSpellings) {
  EXPECT_EQ(to_string(CaseStatus::closed), "closed");
  EXPECT_EQ(parse_case_status("open"), CaseStatus::open);
  EXPECT_FALSE(parse_case_status("archived"));
}

TEST(CaseClose, OpenCaseClosesWithReason) {
  auto r = check_close(CaseStatus::open, std::string("  moved to another city "));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "moved to another city");
}

TEST(CaseClose, ReasonIsRequired) {
  for (auto reason : {std::optional<std::string>{}, std::optional<std::string>{"  "}}) {
    auto r = check_close(CaseStatus::open, reason);
    ASSERT_FALSE(r);
    EXPECT_TRUE(names_field(r.error(), "reason"));
  }
}

TEST(CaseClose, ClosingTwiceIsAConflict) {
  auto r = check_close(CaseStatus::closed, std::string("again"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(r.error().type, "case-closed");
}

}  // namespace
}  // namespace enlace::core
