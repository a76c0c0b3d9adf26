// Test-side TOTP: see totp_code.hpp.
#include "totp_code.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <ctime>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace enlace::test {

std::int64_t unix_seconds(const std::string& rfc3339) {
  std::tm tm{};
  std::istringstream in(rfc3339);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return static_cast<std::int64_t>(::timegm(&tm));
}

std::string totp_code(const std::string& base32_secret, std::int64_t unix_seconds) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string key;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : base32_secret) {
    auto v = alphabet.find(c);
    if (v == std::string::npos) throw std::invalid_argument("not base32");
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      key.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  std::uint64_t counter = static_cast<std::uint64_t>(unix_seconds / 30);
  unsigned char msg[8];
  for (int i = 0; i < 8; ++i) msg[i] = static_cast<unsigned char>(counter >> (56 - 8 * i));
  unsigned char mac[20];
  unsigned int len = sizeof mac;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len);
  int off = mac[19] & 0xF;
  unsigned long value = ((mac[off] & 0x7FUL) << 24) | (static_cast<unsigned long>(mac[off + 1]) << 16) |
                        (static_cast<unsigned long>(mac[off + 2]) << 8) | mac[off + 3];
  std::ostringstream out;
  out << std::setw(6) << std::setfill('0') << value % 1000000;
  return out.str();
}

}  // namespace enlace::test
