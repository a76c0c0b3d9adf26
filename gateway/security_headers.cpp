// The security headers' lines: see security_headers.hpp.
#include "gateway/security_headers.hpp"

namespace enlace::gateway {

namespace {

void append_line(std::string& head, std::string_view name, std::string_view value) {
  head += name;
  head += ": ";
  head += value;
  head += "\r\n";
}

// The lines that are the same in every reply with the strict policy: the first four of
// for_each_security_header's, taken from it so that the two cannot differ.
std::string strict_fixed_lines() {
  SecurityHeaders s;
  s.present = true;
  std::string lines;
  int n = 0;
  for_each_security_header(s, {}, [&](std::string_view name, std::string_view value) {
    if (n++ < 4) append_line(lines, name, value);
  });
  return lines;
}

}  // namespace

void append_security_headers(std::string& head, const SecurityHeaders& s, std::string_view csp) {
  if (!s.present) return;
  static const std::string kFixed = strict_fixed_lines();
  const bool fixed = csp.empty();
  if (fixed) head += kFixed;
  int n = 0;
  for_each_security_header(s, csp, [&](std::string_view name, std::string_view value) {
    if (fixed && n++ < 4) return;  // in kFixed
    append_line(head, name, value);
  });
}

}  // namespace enlace::gateway
