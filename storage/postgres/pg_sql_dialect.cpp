// SQLite-to-PostgreSQL spelling: see pg_sql_dialect.hpp.
#include "storage/postgres/pg_sql_dialect.hpp"

#include <cctype>

namespace enlace::storage {

namespace {

bool word_at(std::string_view s, std::size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  const bool starts = i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_');
  const std::size_t e = i + word.size();
  const bool ends = e == s.size() || !(std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '_');
  return starts && ends;
}

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

std::size_t skip_identifier(std::string_view s, std::size_t i) {
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
  return i;
}

}  // namespace

PgSql translate_for_postgres(std::string_view s) {
  PgSql out;
  out.text.reserve(s.size() + 16);
  int next = 0;  // the number a bare ? takes
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted identifier, doubled quotes inside
      std::size_t j = i + 1;
      for (; j < s.size(); ++j) {
        if (s[j] != c) continue;
        if (j + 1 < s.size() && s[j + 1] == c) {
          ++j;
          continue;
        }
        break;
      }
      j = j < s.size() ? j + 1 : j;
      out.text.append(s.substr(i, j - i));
      i = j;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      std::size_t j = s.find('\n', i);
      j = j == std::string_view::npos ? s.size() : j;
      out.text.append(s.substr(i, j - i));
      i = j;
    } else if (c == '?') {
      std::size_t j = i + 1;
      int n = 0;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) n = n * 10 + (s[j++] - '0');
      if (j == i + 1) n = ++next;
      else next = n;
      if (n > out.parameters) out.parameters = n;
      if (out.named.size() < static_cast<std::size_t>(n)) out.named.resize(static_cast<std::size_t>(n));
      out.named[static_cast<std::size_t>(n - 1)] = true;
      out.text += '$';
      out.text += std::to_string(n);
      i = j;
    } else if (word_at(s, i, "INDEXED")) {  // INDEXED BY name
      std::size_t j = skip_space(s, i + 7);
      if (word_at(s, j, "BY")) {
        i = skip_identifier(s, skip_space(s, j + 2));
      } else {
        out.text.append("INDEXED");
        i += 7;
      }
    } else if (word_at(s, i, "NOT") && word_at(s, skip_space(s, i + 3), "INDEXED")) {
      i = skip_space(s, i + 3) + 7;
    } else {
      out.text += c;
      ++i;
    }
  }
  // The table a write names: INSERT INTO t, UPDATE t, DELETE FROM t (after any leading space).
  std::size_t i = skip_space(s, 0);
  std::size_t t = std::string_view::npos;
  if (word_at(s, i, "INSERT")) {
    i = skip_space(s, i + 6);
    if (word_at(s, i, "OR")) i = skip_identifier(s, skip_space(s, skip_space(s, i + 2)));
    i = skip_space(s, i);
    if (word_at(s, i, "INTO")) t = skip_space(s, i + 4);
  } else if (word_at(s, i, "UPDATE")) {
    t = skip_space(s, i + 6);
  } else if (word_at(s, i, "DELETE")) {
    i = skip_space(s, i + 6);
    if (word_at(s, i, "FROM")) t = skip_space(s, i + 4);
  }
  if (t != std::string_view::npos) out.written_table = std::string(s.substr(t, skip_identifier(s, t) - t));
  return out;
}

std::string pg_text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace enlace::storage
