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

TEST(NeedStatus, DefaultsToOpenAndRefusesOtherWords) {
  auto d = valid_case();
  d.needs = std::vector<NeedDraft>{{"shelter", "high", {}}, {"health", "normal", {}, "met"}};
  auto c = make_case(d, kCategories, kToday);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->needs[0].status, NeedStatus::open);
  EXPECT_EQ(c->needs[1].status, NeedStatus::met);
  d.needs = std::vector<NeedDraft>{{"shelter", "high", {}, "done"}};
  auto bad = make_case(d, kCategories, kToday);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(names_field(bad.error(), "needs[0].status"));
}

// The case's needs as the server keeps them: ids given, one per category.
std::vector<Need> current_needs() {
  return {{"shelter", Urgency::high, "two children", NeedStatus::open, "n-shelter"},
          {"health", Urgency::normal, "", NeedStatus::open, "n-health"}};
}

TEST(MergeNeeds, AnIdUpdatesThatNeedAndKeepsWhatItLeavesOut) {
  FieldErrors errors;
  auto out = merge_needs(current_needs(),
                         {{{}, {}, {}, "met", "n-shelter"}, {{}, "high", {}, {}, "n-health"}}, errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "n-shelter");
  EXPECT_EQ(out[0].status, "met");
  EXPECT_EQ(out[0].note, "two children");
  EXPECT_EQ(out[0].urgency, "high");
  EXPECT_EQ(out[1].urgency, "high");
  EXPECT_EQ(out[1].status, "open");
}

TEST(MergeNeeds, ANeedLeftOutStaysWithdrawnAndANewOneHasNoIdYet) {
  FieldErrors errors;
  auto out = merge_needs(current_needs(), {{{"food"}, {"normal"}, {}, {}, {}}, {{}, {}, {}, {}, "n-health"}},
                         errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].category, "food");  // the patch's entries first, at their positions
  EXPECT_FALSE(out[0].id);
  EXPECT_EQ(out[1].id, "n-health");
  EXPECT_EQ(out[1].status, "open");
  EXPECT_EQ(out[2].id, "n-shelter");
  EXPECT_EQ(out[2].status, "withdrawn");
}

TEST(MergeNeeds, RefusesUnknownIdsRepeatsChangedCategoriesAndTakenCategories) {
  FieldErrors errors;
  merge_needs(current_needs(),
              {{{}, {}, {}, {}, "n-other"},
               {{}, {}, {}, {}, "n-health"},
               {{}, {}, {}, {}, "n-health"},
               {{"food"}, {}, {}, {}, "n-shelter"},
               {{"health"}, {"high"}, {}, {}, {}}},
              errors);
  Error e = Error::invalid(std::move(errors));
  EXPECT_TRUE(names_field(e, "needs[0].id"));
  EXPECT_TRUE(names_field(e, "needs[2].id"));
  EXPECT_TRUE(names_field(e, "needs[3].category"));
  EXPECT_TRUE(names_field(e, "needs[4].category"));
  EXPECT_FALSE(names_field(e, "needs[1].id"));
}

}  // namespace
}  // namespace enlace::core
