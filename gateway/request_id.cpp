// Request ids from a per-thread generator: see request_id.hpp.
#include "gateway/request_id.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace enlace::gateway {

namespace {

// xoshiro256** (Blackman and Vigna): 256 bits of state, a period of 2^256 - 1.
class Xoshiro256 {
 public:
  Xoshiro256() {
    do {
      if (RAND_bytes(reinterpret_cast<unsigned char*>(s_.data()), sizeof s_) != 1)
        throw std::runtime_error("RAND_bytes failed");
    } while ((s_[0] | s_[1] | s_[2] | s_[3]) == 0);  // the one state it never leaves
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace

std::string new_request_id() {
  thread_local Xoshiro256 generator;
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = generator.next();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<std::size_t>(i)] = kHex[v & 0xF];
  return id;
}

}  // namespace enlace::gateway
