// Bytes as lowercase hexadecimal: ids, key ids, keyed hashes and digests all print this way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace enlace::core {

// Writes the hex of `bytes` into `out` (resized; no allocation when `out` already has room,
// as on the audit chain's hot path).
inline void hex_into(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.resize(bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[c >> 4];
    out[2 * i + 1] = kHex[c & 15];
  }
}

inline std::string to_hex(std::string_view bytes) {
  std::string out;
  hex_into(bytes, out);
  return out;
}

// The bytes of lowercase hex; nullopt when `hex` is not that.
inline std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace enlace::core
