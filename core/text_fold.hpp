// Unicode text helpers that need ICU: search folding, UTF-8 validity, NFC length.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace enlace::core {

// Accent- and case-insensitive form for name search and duplicate keys:
// "  José   MUÑOZ " -> "jose munoz". Whitespace runs become one space, ends are trimmed.
// Invalid UTF-8 never crashes: bad sequences are dropped (best effort). Thread-safe.
std::string fold_for_search(std::string_view utf8);

// The words of folded text as name search sees them: split at every ASCII character that is
// not a letter or digit (as FTS5's unicode61 tokenizer splits), so "o'neil-diaz" is three
// words; non-ASCII characters (letters left after folding) stay inside words.
std::vector<std::string> search_words(std::string_view folded);

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Length in code points after NFC, so "é" typed as e + combining accent counts once
// (the password policy counts this way). Invalid UTF-8 counts replacement characters.
std::size_t code_points_nfc(std::string_view utf8);

}  // namespace enlace::core
