// SHA-256, the one implementation every digest shares: the audit chain's and the field
// cipher's in storage, session tokens', idempotency bodies' and respond links' in the gateway
// (a token's digest taken there is looked up as storage kept it). A pure computation, so core
// links OpenSSL's libcrypto for it.
#pragma once

#include <string>
#include <string_view>

namespace enlace::core {

// The 32 raw bytes of SHA-256(data).
std::string sha256(std::string_view data);

}  // namespace enlace::core
