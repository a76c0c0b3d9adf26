#include "core/shared_snapshot.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::day;

CaseFile a_case(AgeBasis age, std::string phone) {
  Person p{"Ana", "Pérez", age, Sex::female, *CountryCode::parse("VE"),
           {*LanguageCode::parse("es")}, MigratoryStatus::asylum_seeker, std::move(phone)};
  return CaseFile{std::move(p), "t-1", {SpecificNeed::pregnancy},
                  {{"shelter", Urgency::emergency, "tonight"}}, "private notes",
                  CaseStatus::open};
}

const Date kToday = day("2026-03-15");
const NeedsChoice kShelter{{"shelter"}, {}};

TEST(SharedSnapshot, HoldsOnlyChosenFields) {
  auto c = a_case(AgeBasis{day("1995-04-02"), std::nullopt, {}}, "+58 212 555");
  std::vector<SharedField> chosen = {SharedField::needs, SharedField::given_name};
  auto s = make_snapshot(c, chosen, kShelter, kToday);
  EXPECT_EQ(s.given_name, "Ana");
  ASSERT_TRUE(s.needs);
  EXPECT_EQ(s.needs->at(0).category, "shelter");
  EXPECT_FALSE(s.family_name);
  EXPECT_FALSE(s.birth_date);
  EXPECT_FALSE(s.estimated_age);
  EXPECT_FALSE(s.sex);
  EXPECT_FALSE(s.nationality);
  EXPECT_FALSE(s.languages);
  EXPECT_FALSE(s.phone);
  EXPECT_FALSE(s.specific_needs);
  // Listed in API order, whatever order they were chosen in.
  EXPECT_EQ(s.fields, (std::vector<SharedField>{SharedField::given_name, SharedField::needs}));
}

TEST(SharedSnapshot, NothingChosenSharesNothing) {
  auto s = make_snapshot(a_case(AgeBasis{std::nullopt, 30, kToday}, ""), {}, kShelter, kToday);
  EXPECT_TRUE(s.fields.empty());
  EXPECT_FALSE(s.given_name);
}

TEST(SharedSnapshot, AllFieldsCopyTheCase) {
  auto c = a_case(AgeBasis{day("1995-04-02"), std::nullopt, {}}, "+58 212 555");
  std::vector<SharedField> all;
  for (const auto& row : kSharedFieldNames) all.push_back(row.value);
  auto s = make_snapshot(c, all, NeedsChoice{{"shelter"}, {SpecificNeed::pregnancy}}, kToday);
  EXPECT_EQ(s.fields.size(), 9u);
  EXPECT_EQ(s.family_name, "Pérez");
  EXPECT_EQ(s.birth_date, day("1995-04-02"));
  EXPECT_FALSE(s.estimated_age);
  EXPECT_EQ(s.sex, Sex::female);
  EXPECT_EQ(s.nationality->str(), "VE");
  EXPECT_EQ(s.languages->at(0).str(), "es");
  EXPECT_EQ(s.phone, "+58 212 555");
  EXPECT_EQ(s.specific_needs, std::vector<SpecificNeed>{SpecificNeed::pregnancy});
}

TEST(SharedSnapshot, EstimatedAgeIsSharedAsAgeToday) {
  auto c = a_case(AgeBasis{std::nullopt, 30, day("2024-01-01")}, "");
  std::vector<SharedField> chosen = {SharedField::birth_date, SharedField::phone};
  auto s = make_snapshot(c, chosen, kShelter, kToday);
  EXPECT_FALSE(s.birth_date);
  EXPECT_EQ(s.estimated_age, 32);
  EXPECT_FALSE(s.phone);  // chosen, but the case has none
}

CaseFile a_case_with_needs() {
  auto c = a_case(AgeBasis{std::nullopt, 30, kToday}, "");
  c.specific_needs = {SpecificNeed::pregnancy, SpecificNeed::survivor_of_violence};
  c.needs = {{"shelter", Urgency::emergency, "tonight"},
             {"employment", Urgency::normal, "welder"},
             {"protection", Urgency::high, "left a violent partner"}};
  return c;
}

ReferralRequest a_request(std::string category, std::vector<SharedField> fields) {
  ReferralRequest r;
  r.category = std::move(category);
  r.shared_fields = std::move(fields);
  return r;
}

TEST(SharedSnapshot, OnlyTheChosenNeedsGo) {
  auto c = a_case_with_needs();
  std::vector<SharedField> chosen = {SharedField::needs, SharedField::specific_needs};
  auto s = make_snapshot(c, chosen, NeedsChoice{{"employment"}, {SpecificNeed::pregnancy}}, kToday);
  ASSERT_TRUE(s.needs);
  ASSERT_EQ(s.needs->size(), 1u);
  EXPECT_EQ(s.needs->at(0).note, "welder");
  EXPECT_EQ(s.specific_needs, std::vector<SpecificNeed>{SpecificNeed::pregnancy});
}

TEST(ChooseNeeds, DefaultIsTheReferralsCategoryAndNoSpecificNeed) {
  auto r = a_request("employment", {SharedField::needs, SharedField::specific_needs});
  auto choice = choose_needs(a_case_with_needs(), r);
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->needs, std::vector<std::string>{"employment"});
  EXPECT_TRUE(choice->specific_needs.empty());
  // A category the case has no need of shares no need at all, not every need.
  auto other = choose_needs(a_case_with_needs(), a_request("legal_aid", {SharedField::needs}));
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->needs.empty());
}

TEST(ChooseNeeds, AnExplicitChoiceIsHonoured) {
  auto r = a_request("employment", {SharedField::needs, SharedField::specific_needs});
  r.shared_needs = std::vector<std::string>{"shelter", "employment"};
  r.shared_specific_needs = std::vector<SpecificNeed>{SpecificNeed::survivor_of_violence};
  auto choice = choose_needs(a_case_with_needs(), r);
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->needs, (std::vector<std::string>{"shelter", "employment"}));
  EXPECT_EQ(choice->specific_needs, std::vector<SpecificNeed>{SpecificNeed::survivor_of_violence});
}

TEST(ChooseNeeds, ANeedNotOnTheCaseIsNamed) {
  auto r = a_request("employment", {SharedField::needs, SharedField::specific_needs});
  r.shared_needs = std::vector<std::string>{"employment", "health"};
  r.shared_specific_needs = std::vector<SpecificNeed>{SpecificNeed::elderly};
  auto choice = choose_needs(a_case_with_needs(), r);
  ASSERT_FALSE(choice);
  EXPECT_EQ(choice.error().code, ErrorCode::invalid);
  ASSERT_EQ(choice.error().fields.items().size(), 2u);
  EXPECT_EQ(choice.error().fields.items()[0].field, "shared_needs[1]");
  EXPECT_EQ(choice.error().fields.items()[1].field, "shared_specific_needs[0]");
}

}  // namespace
}  // namespace enlace::core
