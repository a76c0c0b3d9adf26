// Randomness from OpenSSL: ids, tokens, secrets.
#pragma once

#include "core/time.hpp"
#include "storage/sha256.hpp"

#include <cstdint>
#include <string>

namespace enlace::gateway {

std::string random_bytes(std::size_t n);
std::string to_hex(std::string_view bytes);
std::string base64url(std::string_view bytes);
// A time-ordered UUID (RFC 9562 version 7) for new records.
std::string new_id(core::Timestamp now);
// A bearer token: 256 random bits, base64url.
std::string new_token();
// SHA-256 of data, raw bytes: storage's one implementation (storage/sha256.hpp), so that the
// digest taken of a token here is the one storage keeps.
using storage::sha256;

}  // namespace enlace::gateway
