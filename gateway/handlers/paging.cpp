// List paging: see paging.hpp.
#include "gateway/handlers/paging.hpp"

#include "gateway/random.hpp"

#include <charconv>
#include <cstdint>

namespace enlace::gateway {

std::string encode_cursor(const std::string& last_key) { return base64url("c1:" + last_key); }

std::optional<std::string> decode_cursor(std::string_view cursor) {
  if (cursor.size() > 400) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : cursor) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (out.rfind("c1:", 0) != 0) return std::nullopt;
  return out.substr(3);
}

core::Result<Page> read_page(const Request& req) {
  Page page;
  if (auto l = req.query_param("limit")) {
    int n = 0;
    auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || p != l->data() + l->size() || n < 1 || n > 500)
      return core::Error::invalid_field("limit", "must be a whole number from 1 to 500");
    page.limit = n;
  }
  if (auto c = req.query_param("cursor")) {
    auto key = decode_cursor(*c);
    if (!key) return core::Error::invalid_field("cursor", "is not a cursor this server gave out");
    page.after = *key;
  }
  return page;
}

}  // namespace enlace::gateway
