#include "core/text_fold.hpp"
#include "core/text_checks.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace enlace::core {
namespace {

TEST(TextFold, RemovesAccentsAndCase) {
  EXPECT_EQ(fold_for_search("José MUÑOZ"), "jose munoz");
  EXPECT_EQ(fold_for_search("ÁNGELA Pérez-Çelik"), "angela perez-celik");
  EXPECT_EQ(fold_for_search("Nguyễn Thị"), "nguyen thi");
}

TEST(TextFold, DecomposedAndComposedInputFoldAlike) {
  EXPECT_EQ(fold_for_search("Jose\xCC\x81"), fold_for_search("Jos\xC3\xA9"));
}

TEST(TextFold, CollapsesAndTrimsWhitespace) {
  EXPECT_EQ(fold_for_search("  Ana \t María\n\n López  "), "ana maria lopez");
  EXPECT_EQ(fold_for_search("Ana\xC2\xA0Maria"), "ana maria");  // no-break space
  EXPECT_EQ(fold_for_search("   "), "");
  EXPECT_EQ(fold_for_search(""), "");
}

TEST(TextFold, KeepsNonLatinScripts) {
  EXPECT_EQ(fold_for_search("محمد"), "محمد");
  EXPECT_EQ(fold_for_search("ΑΝΝΑ"), "αννα");
}

TEST(TextFold, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(fold_for_search("Jos\xC3"), "jos");
  EXPECT_EQ(fold_for_search("\xFF\xFE"), "");
  EXPECT_EQ(fold_for_search(std::string("a\0b", 3)), "a b");
}

TEST(TextFold, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 200; ++i)
        if (fold_for_search("José MUÑOZ") == "jose munoz") ++ok[t];
    });
  for (auto& th : threads) th.join();
  for (int n : ok) EXPECT_EQ(n, 200);
}

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("José"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8, RejectsMalformedOverlongAndSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, NfcLengthCountsComposedCharacters) {
  EXPECT_EQ(code_points_nfc("José"), 4u);
  EXPECT_EQ(code_points_nfc("Jose\xCC\x81"), 4u);
  EXPECT_EQ(code_points_nfc("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(code_points_nfc(""), 0u);
}

TEST(TextChecks, TrimAndBlank) {
  EXPECT_EQ(trim("  a b \n"), "a b");
  EXPECT_TRUE(is_blank(" \t\n"));
  EXPECT_FALSE(is_blank(" x "));
  EXPECT_EQ(char_count("Muñoz"), 5u);
  EXPECT_TRUE(has_control_chars("a\x01", true));
  EXPECT_TRUE(has_control_chars("a\nb", false));
  EXPECT_FALSE(has_control_chars("a\nb", true));
  EXPECT_TRUE(has_control_chars("a\xC2\x85", true));  // NEL, a C1 control
}

RC_GTEST_PROP(TextFold, IsIdempotentAndYieldsValidTrimmedUtf8OnArbitraryBytes,
              (const std::string& bytes)) {
  const std::string once = fold_for_search(bytes);
  RC_ASSERT(is_valid_utf8(once));
  RC_ASSERT(fold_for_search(once) == once);
  RC_ASSERT(once.find("  ") == std::string::npos);
  if (!once.empty()) {
    RC_ASSERT(once.front() != ' ');
    RC_ASSERT(once.back() != ' ');
  }
}

// Text a help desk might see: Latin with accents, combining marks, Greek, Cyrillic, Arabic,
// Turkish dotted I, spaces of several kinds.
std::string encode_utf8(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

rc::Gen<std::string> gen_human_text() {
  auto cp = rc::gen::oneOf(rc::gen::inRange<char32_t>(0x20, 0x7F),
                           rc::gen::inRange<char32_t>(0xA0, 0x250),
                           rc::gen::inRange<char32_t>(0x300, 0x370),
                           rc::gen::inRange<char32_t>(0x370, 0x530),
                           rc::gen::inRange<char32_t>(0x600, 0x700),
                           rc::gen::inRange<char32_t>(0x1E00, 0x1F00),
                           rc::gen::element<char32_t>(0x130, 0x3000, 0x2003, U'\t', U'\n'));
  return rc::gen::map(rc::gen::container<std::vector<char32_t>>(cp), encode_utf8);
}

RC_GTEST_PROP(TextFold, IsIdempotentOnHumanText, ()) {
  const std::string text = *gen_human_text();
  const std::string once = fold_for_search(text);
  RC_ASSERT(is_valid_utf8(once));
  RC_ASSERT(fold_for_search(once) == once);
}

TEST(TextFold, TurkishCapitalDottedIFoldsToPlainI) {
  EXPECT_EQ(fold_for_search("\xC4\xB0STANBUL"), "istanbul");
}

RC_GTEST_PROP(TextFold, IgnoresCaseOfAsciiLetters, (const std::string& bytes)) {
  std::string upper = bytes;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  RC_ASSERT(fold_for_search(upper) == fold_for_search(bytes));
}

}  // namespace
}  // namespace enlace::core
