// Plain string checks (no ICU needed).
#include "core/text_checks.hpp"

namespace enlace::core {

namespace {
bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (!is_ascii_space(c)) return false;
  return true;
}

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool has_control_chars(std::string_view utf8, bool allow_newlines) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b == '\t' || b == '\n' || b == '\r') {
      if (!allow_newlines) return true;
      continue;
    }
    if (b < 0x20 || b == 0x7F) return true;
    // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
    if (b == 0xC2 && i + 1 < utf8.size()) {
      auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace enlace::core
