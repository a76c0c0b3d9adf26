// CSV replies: see csv.hpp.
#include "gateway/csv.hpp"

#include <cctype>

namespace enlace::gateway {

namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// [+-]digits[.digits][e[+-]digits]: a spreadsheet reads it as a number, never a formula, so a
// negative count or coordinate keeps its sign instead of turning into text.
bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && digit(s[i])) ++i;
    return i > start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// The first characters OWASP lists for CSV injection: Excel, LibreOffice and Google Sheets
// evaluate such a cell (a HYPERLINK that leaks data, DDE that runs a command) when opened.
bool starts_like_formula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos &&
         !is_plain_number(s);
}

}  // namespace

void append_csv_field(std::string& out, std::string_view f) {
  bool formula = starts_like_formula(f);
  if (!formula && f.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += f;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    append_csv_field(out, f);
  }
  out += "\r\n";
}

bool wants_csv(const Request& req) {
  auto accept = req.header("accept");
  return accept && accept->find("text/csv") != std::string_view::npos;
}

Response csv_attachment(std::string body, const std::string& filename, bool personal_data) {
  Response r;
  r.status = 200;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.personal_data = personal_data;
  r.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace enlace::gateway
