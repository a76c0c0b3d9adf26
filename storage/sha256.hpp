// SHA-256, the one implementation the server's digests share (storage and gateway).
#pragma once

#include <string>
#include <string_view>

namespace enlace::storage {

// The 32 raw bytes of SHA-256(data).
std::string sha256(std::string_view data);

}  // namespace enlace::storage
