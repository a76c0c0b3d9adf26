// ICU-backed folding. The transliterator is compiled once (parsing its rules is slow) and
// each thread uses its own clone, because ICU transliterators are not safe to share.
// Lowering comes first: lowercase can add marks ("İ" -> "i" + U+0307) that must then go,
// or folding would not be idempotent.
#include "core/text_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace enlace::core {

namespace {

const icu::Transliterator* prototype() {
  static const std::unique_ptr<icu::Transliterator> proto = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Lower; NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return proto.get();
}

icu::Transliterator* thread_folder() {
  thread_local const std::unique_ptr<icu::Transliterator> mine(
      prototype() ? prototype()->clone() : nullptr);
  return mine.get();
}

// Spaces, tabs, line breaks and controls all separate words; the search box cannot type them.
bool is_separator(UChar32 c) { return u_isUWhiteSpace(c) || u_iscntrl(c); }

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (auto* folder = thread_folder()) {
    folder->transliterate(text);
  } else {
    text.toLower();  // ICU data missing: still case-insensitive, just not accent-insensitive
  }
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0xFFFD) continue;  // what fromUTF8 made of invalid bytes
    if (is_separator(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(UChar32{' '});
    pending_space = false;
    out.append(c);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<std::string> search_words(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    bool ascii_word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c >= 0x80 || ascii_word) {
      word += ch;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07;
    } else {
      return false;  // continuation byte, overlong lead C0/C1, or F5..FF
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    i += len;
  }
  return true;
}

std::size_t code_points_nfc(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normal = nfc->normalize(text, status);
    if (U_SUCCESS(status)) return static_cast<std::size_t>(normal.countChar32());
  }
  return static_cast<std::size_t>(text.countChar32());
}

}  // namespace enlace::core
