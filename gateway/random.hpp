// Randomness from OpenSSL: ids, tokens, secrets.
#pragma once

#include "core/sha256.hpp"
#include "core/time.hpp"

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
// SHA-256 of data, raw bytes (core/sha256.hpp: the digest storage keeps for a token is this).
using core::sha256;

}  // namespace enlace::gateway
