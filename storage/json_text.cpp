// JSON string arrays: see json_text.hpp.
#include "storage/json_text.hpp"

#include <cstdio>

namespace enlace::storage {

namespace {

void append_escaped(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

std::string encode_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_escaped(out, items[i]);
  }
  out += ']';
  return out;
}

std::optional<std::vector<std::string>> decode_string_array(std::string_view t) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto skip_ws = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
  };
  skip_ws();
  if (i >= t.size() || t[i] != '[') return std::nullopt;
  ++i;
  skip_ws();
  if (i < t.size() && t[i] == ']') return out;
  while (i < t.size()) {
    skip_ws();
    if (i >= t.size() || t[i] != '"') return std::nullopt;
    ++i;
    std::string item;
    while (i < t.size() && t[i] != '"') {
      if (t[i] != '\\') {
        item += t[i++];
        continue;
      }
      if (++i >= t.size()) return std::nullopt;
      char e = t[i++];
      switch (e) {
        case '"': item += '"'; break;
        case '\\': item += '\\'; break;
        case '/': item += '/'; break;
        case 'b': item += '\b'; break;
        case 'f': item += '\f'; break;
        case 'n': item += '\n'; break;
        case 'r': item += '\r'; break;
        case 't': item += '\t'; break;
        case 'u': {
          // Only our own encoder writes these (control characters), so no surrogate pairs.
          if (i + 4 > t.size()) return std::nullopt;
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = t[i++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
            else return std::nullopt;
          }
          append_utf8(item, cp);
          break;
        }
        default: return std::nullopt;
      }
    }
    if (i >= t.size()) return std::nullopt;
    ++i;  // closing quote
    out.push_back(std::move(item));
    skip_ws();
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == ']') return out;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace enlace::storage
