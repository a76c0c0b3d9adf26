#include "core/person.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::day;
using testing::fields_of;
using testing::names_field;

const Date kToday = day("2026-03-15");

PersonDraft valid_draft() {
  PersonDraft d;
  d.given_name = "  José ";
  d.family_name = "Muñoz";
  d.birth_date = "1990-06-01";
  d.sex = "male";
  d.nationality = "VE";
  d.languages = std::vector<std::string>{"es", "en"};
  d.phone = "+593 (2) 555-0101";
  return d;
}

TEST(Person, ValidDraftBecomesPersonWithTrimmedNames) {
  auto p = make_person(valid_draft(), kToday);
  ASSERT_TRUE(p) << fields_of(p.error());
  EXPECT_EQ(p->given_name, "José");
  EXPECT_EQ(p->family_name, "Muñoz");
  EXPECT_EQ(p->age.birth_date, day("1990-06-01"));
  EXPECT_EQ(p->age.age_on(kToday), 35);
  EXPECT_EQ(p->sex, Sex::male);
  EXPECT_EQ(p->nationality.str(), "VE");
  ASSERT_EQ(p->languages.size(), 2u);
  EXPECT_EQ(p->languages[1].str(), "en");
  EXPECT_EQ(p->migratory_status, MigratoryStatus::unknown);
  EXPECT_EQ(p->phone, "+593 (2) 555-0101");
}

TEST(Person, MinimalDraftWithEstimatedAgeIsEnough) {
  PersonDraft d;
  d.given_name = "Ana";
  d.estimated_age = 30;
  d.sex = "female";
  d.nationality = "CO";
  d.migratory_status = "in_transit";
  auto p = make_person(d, kToday);
  ASSERT_TRUE(p) << fields_of(p.error());
  EXPECT_EQ(p->family_name, "");
  EXPECT_FALSE(p->age.birth_date);
  EXPECT_EQ(p->age.estimated_on, kToday);
  EXPECT_EQ(p->migratory_status, MigratoryStatus::in_transit);
  EXPECT_TRUE(p->languages.empty());
  EXPECT_EQ(p->phone, "");
}

TEST(Person, EstimatedAgeGrowsWithWholeYears) {
  AgeBasis a{std::nullopt, 30, day("2024-05-10")};
  EXPECT_EQ(a.age_on(day("2024-05-10")), 30);
  EXPECT_EQ(a.age_on(day("2025-05-09")), 30);
  EXPECT_EQ(a.age_on(day("2025-05-10")), 31);
  EXPECT_EQ(a.age_on(day("2020-01-01")), 30);  // never younger than when estimated
}

TEST(Person, ReportsEveryProblemAtOnce) {
  PersonDraft d;
  d.given_name = "   ";
  d.family_name = std::string(101, 'x');
  d.nationality = "ec";
  d.languages = std::vector<std::string>{"es", "ES", "es"};
  d.migratory_status = "illegal";
  d.phone = "call me";
  auto p = make_person(d, kToday);
  ASSERT_FALSE(p);
  const Error& e = p.error();
  EXPECT_EQ(e.code, ErrorCode::invalid);
  for (auto f : {"person.given_name", "person.family_name", "person.birth_date", "person.sex",
                 "person.nationality", "person.languages[1]", "person.languages[2]",
                 "person.migratory_status", "person.phone"})
    EXPECT_TRUE(names_field(e, f)) << f << "\n" << fields_of(e);
  EXPECT_EQ(e.fields.items().size(), 9u) << fields_of(e);
}

TEST(Person, NameLengthIsCountedInCharactersNotBytes) {
  auto d = valid_draft();
  std::string name;
  for (int i = 0; i < 100; ++i) name += "ñ";  // 200 bytes, 100 characters
  d.given_name = name;
  EXPECT_TRUE(make_person(d, kToday));
  d.given_name = name + "a";
  EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.given_name"));
}

TEST(Person, NamesRejectInvalidUtf8AndControls) {
  auto d = valid_draft();
  d.given_name = "Jos\xC3";
  EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.given_name"));
  d.given_name = "Jo\nse";
  EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.given_name"));
}

TEST(Person, BirthDateAndEstimatedAgeAreExclusive) {
  auto d = valid_draft();
  d.estimated_age = 30;
  EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.birth_date"));
  d.birth_date.reset();
  d.estimated_age.reset();
  EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.birth_date"));
}

TEST(Person, BirthDateMustBeRealPastAndAfter1900) {
  auto d = valid_draft();
  for (auto bad : {"2026-03-16", "1899-12-31", "1990-02-30", "1990-6-1", "yesterday"}) {
    d.birth_date = bad;
    EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.birth_date")) << bad;
  }
  for (auto good : {"2026-03-15", "1900-01-01"}) {
    d.birth_date = good;
    EXPECT_TRUE(make_person(d, kToday)) << good;
  }
}

TEST(Person, EstimatedAgeBetweenZeroAnd120) {
  auto d = valid_draft();
  d.birth_date.reset();
  for (std::int64_t good : std::initializer_list<std::int64_t>{0, 120}) {
    d.estimated_age = good;
    EXPECT_TRUE(make_person(d, kToday)) << good;
  }
  for (std::int64_t bad : std::initializer_list<std::int64_t>{-1, 121, 4000000000LL}) {
    d.estimated_age = bad;
    EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.estimated_age")) << bad;
  }
}

TEST(Person, SexAndNationalityAreRequired) {
  auto d = valid_draft();
  d.sex.reset();
  d.nationality.reset();
  auto e = make_person(d, kToday).error();
  EXPECT_TRUE(names_field(e, "person.sex"));
  EXPECT_TRUE(names_field(e, "person.nationality"));
}

TEST(Person, PhoneAllowsCommonPunctuationUpTo30Characters) {
  auto d = valid_draft();
  for (auto good : {"0991234567", "+63 (52) 480-0000", "  +1 555 0100 "}) {
    d.phone = good;
    EXPECT_TRUE(make_person(d, kToday)) << good;
  }
  for (auto bad : {"555.0100", "ext 12", "+-()", "1234567890123456789012345678901"}) {
    d.phone = bad;
    EXPECT_TRUE(names_field(make_person(d, kToday).error(), "person.phone")) << bad;
  }
  d.phone = "   ";
  auto p = make_person(d, kToday);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->phone, "");
}

}  // namespace
}  // namespace enlace::core
