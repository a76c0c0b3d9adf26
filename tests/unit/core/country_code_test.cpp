#include "core/country_code.hpp"
#include "core/language_code.hpp"

#include <gtest/gtest.h>

namespace enlace::core {
namespace {

TEST(CountryCode, AcceptsAssignedCodes) {
  for (auto code : {"EC", "PH", "CO", "VE", "HT", "SN", "AF", "SS", "ZW", "AD"}) {
    auto c = CountryCode::parse(code);
    ASSERT_TRUE(c.has_value()) << code;
    EXPECT_EQ(c->str(), code);
  }
}

TEST(CountryCode, ListHoldsAllTwoHundredFortyNineAssignedCodes) {
  EXPECT_EQ(assigned_country_code_count(), 249u);
}

TEST(CountryCode, RejectsLowercaseReservedAndMalformed) {
  for (auto code : {"ec", "Ec", "", "E", "ECU", "XK", "EU", "UK", "AN", "YU", "ZZ", "AA", "1A"})
    EXPECT_FALSE(CountryCode::parse(code).has_value()) << code;
}

TEST(CountryCode, EveryTwoLetterCombinationHasAnAnswerAndCountMatches) {
  std::size_t accepted = 0;
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'A'; b <= 'Z'; ++b)
      if (CountryCode::parse(std::string{a, b})) ++accepted;
  EXPECT_EQ(accepted, assigned_country_code_count());
}

TEST(LanguageCode, AcceptsIso6391Codes) {
  for (auto code : {"es", "en", "fr", "pt", "ht", "ar", "fa", "ps", "qu", "tl", "wo", "zh"}) {
    auto l = LanguageCode::parse(code);
    ASSERT_TRUE(l.has_value()) << code;
    EXPECT_EQ(l->str(), code);
  }
}

TEST(LanguageCode, RejectsUppercaseThreeLetterAndUnassigned) {
  for (auto code : {"ES", "Es", "spa", "", "e", "qq", "xx", "zz", "e1"})
    EXPECT_FALSE(LanguageCode::parse(code).has_value()) << code;
}

TEST(LanguageCode, ListIsComplete) {
  std::size_t accepted = 0;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b)
      if (LanguageCode::parse(std::string{a, b})) ++accepted;
  EXPECT_EQ(accepted, language_code_count());
  EXPECT_EQ(language_code_count(), 184u);  // 183 current codes plus the deprecated "bh"
}

}  // namespace
}  // namespace enlace::core
