// Request head checks: see request_framing.hpp.
#include "gateway/request_framing.hpp"

#include "core/text_fold.hpp"

#include <boost/url/parse.hpp>

#include <cctype>

namespace enlace::gateway {

namespace {
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}
}  // namespace

Framing check_framing(const FramingFacts& f, std::size_t max_body_bytes) {
  // Beast accepts some Content-Length + Transfer-Encoding combinations; HTTP/1.1 says a
  // server must not guess (request smuggling), so both together, or any coding other than
  // chunked, is refused.
  if (f.transfer_encoding_headers > 0 &&
      (f.has_content_length || f.transfer_encoding_headers > 1 ||
       !iequals(f.transfer_encoding, "chunked")))
    return Framing::ambiguous;
  if (f.content_length && *f.content_length > max_body_bytes) return Framing::too_large;
  return Framing::ok;
}

bool is_plain_text(std::string_view s) {
  return s.find('\0') == std::string_view::npos && core::is_valid_utf8(s);
}

std::optional<Target> parse_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  Target t;
  t.path = std::string(url->path());
  for (auto p : url->params()) t.query.emplace_back(std::string(p.key), std::string(p.value));
  return t;
}

}  // namespace enlace::gateway
