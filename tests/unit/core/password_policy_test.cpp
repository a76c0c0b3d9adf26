// Tests core/password_policy.cpp and the common-password list it consults.
#include "core/common_passwords.hpp"
#include "core/password_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace enlace::core {
namespace {

std::string field_of(const Result<void>& r) { return r.error().fields.items().at(0).field; }

TEST(PasswordPolicyTest, LengthCountsCodePointsAfterNfc) {
  EXPECT_FALSE(check_password("elevenchars", "password"));
  EXPECT_TRUE(check_password("a long enough one", "password"));
  // "résumé-délai" with each é typed as e + combining acute: 15 code points before NFC, 12
  // after; one letter less is 11 after NFC and refused even though it is 14 before.
  const std::string e_acute = "e\xCC\x81";
  std::string twelve = "r" + e_acute + "sum" + e_acute + "-d" + e_acute + "lai";
  EXPECT_TRUE(check_password(twelve, "password"));
  EXPECT_FALSE(check_password(twelve.substr(0, twelve.size() - 1), "password"));
  std::string eleven_emoji;
  for (int i = 0; i < 11; ++i) eleven_emoji += "\xF0\x9F\x98\x80";
  EXPECT_FALSE(check_password(eleven_emoji, "password"));
  EXPECT_FALSE(check_password(std::string(129, 'q') + "!", "password"));
  EXPECT_TRUE(check_password(std::string(127, 'q') + "!", "password"));
}

TEST(PasswordPolicyTest, NoCompositionRules) {
  EXPECT_TRUE(check_password("all lower case words here", "password"));
  EXPECT_TRUE(check_password("ñandú que corre por la pampa", "password"));
}

TEST(PasswordPolicyTest, ErrorsNameTheGivenField) {
  auto r = check_password("short", "new_password");
  ASSERT_FALSE(r);
  EXPECT_EQ(field_of(r), "new_password");
  EXPECT_FALSE(check_password("bad\xFF utf8 text here", "password"));
}

TEST(PasswordPolicyTest, CommonPasswordsAreRefusedWhateverTheirCaseAccentsOrSpaces) {
  for (const char* p : {"123456789012", "Password1234", "QWERTYUIOPASDFGH", "iloveyou1234",
                        "Contraseña123", "CONTRASENA123", "correct horse battery staple",
                        "Correct Horse Battery Staple", "pass word 1234 5678", "aaaaaaaaaaaa",
                        "1qaz2wsx3edc4rfv", "TeQuieroMucho", "barcelona1234"}) {
    EXPECT_TRUE(is_common_password(p)) << p;
    EXPECT_FALSE(check_password(p, "password")) << p;
  }
  EXPECT_FALSE(is_common_password("correct horse battery staple 42"));
  EXPECT_FALSE(is_common_password("the river remembers my grandmother"));
}

TEST(PasswordPolicyTest, ListIsSortedFoldedAndLargeEnough) {
  auto list = common_passwords();
  EXPECT_GT(list.size(), 3000u);
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
  EXPECT_EQ(std::adjacent_find(list.begin(), list.end()), list.end());
  for (auto e : list) {
    EXPECT_GE(e.size(), kMinPasswordLength) << e;
    EXPECT_EQ(std::count_if(e.begin(), e.end(), [](char c) { return c >= 'A' && c <= 'Z'; }), 0) << e;
  }
}

}  // namespace
}  // namespace enlace::core
