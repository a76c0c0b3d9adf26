// SHA-256, the one implementation storage's digests share (the gateway has its own,
// gateway/random.hpp, over the same OpenSSL call).
#pragma once

#include <string>
#include <string_view>

namespace enlace::storage {

// The 32 raw bytes of SHA-256(data).
std::string sha256(std::string_view data);

}  // namespace enlace::storage
