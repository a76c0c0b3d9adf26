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

TEST(SharedSnapshot, HoldsOnlyChosenFields) {
  auto c = a_case(AgeBasis{day("1995-04-02"), std::nullopt, {}}, "+58 212 555");
  std::vector<SharedField> chosen = {SharedField::needs, SharedField::given_name};
  auto s = make_snapshot(c, chosen, kToday);
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
  auto s = make_snapshot(a_case(AgeBasis{std::nullopt, 30, kToday}, ""), {}, kToday);
  EXPECT_TRUE(s.fields.empty());
  EXPECT_FALSE(s.given_name);
}

TEST(SharedSnapshot, AllFieldsCopyTheCase) {
  auto c = a_case(AgeBasis{day("1995-04-02"), std::nullopt, {}}, "+58 212 555");
  std::vector<SharedField> all;
  for (const auto& row : kSharedFieldNames) all.push_back(row.value);
  auto s = make_snapshot(c, all, kToday);
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
  auto s = make_snapshot(c, chosen, kToday);
  EXPECT_FALSE(s.birth_date);
  EXPECT_EQ(s.estimated_age, 32);
  EXPECT_FALSE(s.phone);  // chosen, but the case has none
}

}  // namespace
}  // namespace enlace::core
