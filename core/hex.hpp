// Bytes as lowercase hexadecimal: ids, key ids, keyed hashes and digests all print this way.
#pragma once

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

}  // namespace enlace::core
