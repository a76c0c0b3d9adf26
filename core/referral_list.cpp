// A page of a referral box: see referral_list.hpp.
#include "core/referral_list.hpp"

#include <charconv>

namespace enlace::core {

std::optional<std::int64_t> parse_seq(std::string_view text) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

std::string ListPosition::text() const {
  if (overdue) return "1:" + std::to_string(due) + ":" + std::to_string(seq);
  return "0:" + std::to_string(seq);
}

std::optional<ListPosition> ListPosition::parse(std::string_view text) {
  if (text.size() < 3 || text[1] != ':' || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  ListPosition p;
  p.overdue = text[0] == '1';
  text.remove_prefix(2);
  if (p.overdue) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto due = parse_seq(text.substr(0, colon));
    if (!due) return std::nullopt;
    p.due = *due;
    text.remove_prefix(colon + 1);
  }
  auto seq = parse_seq(text);
  if (!seq) return std::nullopt;
  p.seq = *seq;
  return p;
}

}  // namespace enlace::core
