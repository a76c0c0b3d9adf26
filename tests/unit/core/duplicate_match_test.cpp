#include "core/duplicate_match.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace enlace::core {
namespace {

using testing::day;

const Date kToday = day("2026-03-15");

Identity born(std::string given, std::string family, const char* date) {
  return {std::move(given), std::move(family), AgeBasis{day(date), std::nullopt, {}}};
}
Identity estimated(std::string given, std::string family, int age, const char* on) {
  return {std::move(given), std::move(family), AgeBasis{std::nullopt, age, day(on)}};
}

TEST(DuplicateKey, IgnoresAccentsCaseAndSpacing) {
  EXPECT_EQ(duplicate_key("José", "MUÑOZ"), "jose munoz");
  EXPECT_EQ(duplicate_key("  jose ", " munoz  "), "jose munoz");
  EXPECT_EQ(duplicate_key("Ana María", ""), duplicate_key("Ana", "Maria"));
  EXPECT_EQ(duplicate_key("Ana", ""), "ana");
}

TEST(DuplicateMatch, SameNamesAndBirthDateMatch) {
  EXPECT_TRUE(is_possible_duplicate(born("José", "Muñoz", "1990-06-01"),
                                    born("JOSE", "munoz", "1990-06-01"), kToday));
}

TEST(DuplicateMatch, DifferentBirthDatesDoNotMatchEvenIfClose) {
  EXPECT_FALSE(is_possible_duplicate(born("José", "Muñoz", "1990-06-01"),
                                     born("José", "Muñoz", "1990-06-02"), kToday));
}

TEST(DuplicateMatch, DifferentNamesDoNotMatch) {
  EXPECT_FALSE(is_possible_duplicate(born("José", "Muñoz", "1990-06-01"),
                                     born("Josefa", "Muñoz", "1990-06-01"), kToday));
}

TEST(DuplicateMatch, EstimatedAgeWithinOneYearOfBirthDateMatches) {
  auto a = born("Ana", "Pérez", "1996-01-10");  // 30 on kToday
  EXPECT_TRUE(is_possible_duplicate(a, estimated("ana", "perez", 31, "2026-03-01"), kToday));
  EXPECT_TRUE(is_possible_duplicate(a, estimated("ana", "perez", 29, "2026-03-01"), kToday));
  EXPECT_FALSE(is_possible_duplicate(a, estimated("ana", "perez", 32, "2026-03-01"), kToday));
  EXPECT_FALSE(is_possible_duplicate(estimated("ana", "perez", 28, "2026-03-01"), a, kToday));
}

TEST(DuplicateMatch, EstimatesAreComparedAtTheSameDay) {
  // Estimated as 30 two years ago is 32 now, which is 2 away from an estimate of 30 today.
  auto old = estimated("Luis", "Gómez", 30, "2024-03-01");
  EXPECT_FALSE(is_possible_duplicate(old, estimated("Luis", "Gomez", 30, "2026-03-15"), kToday));
  EXPECT_TRUE(is_possible_duplicate(old, estimated("Luis", "Gomez", 31, "2026-03-15"), kToday));
}

TEST(DuplicateMatch, IdentityOfPersonCarriesNamesAndAge) {
  Person p{"Ana", "Pérez", AgeBasis{std::nullopt, 7, kToday}, Sex::female,
           *CountryCode::parse("EC"), {}, MigratoryStatus::unknown, ""};
  auto id = identity_of(p);
  EXPECT_EQ(id.given_name, "Ana");
  EXPECT_EQ(id.age.estimated_age, 7);
}

}  // namespace
}  // namespace enlace::core
