// SHA-256, the one implementation every digest shares: the field cipher's and the limiter
// keys' in storage, session tokens', idempotency bodies' and respond links' in the gateway (a
// token's digest taken there is looked up as storage kept it). In storage because storage
// links OpenSSL's libcrypto and core links no I/O library; the gateway calls this one.
#pragma once

#include <string>
#include <string_view>

namespace enlace::storage {

// The 32 raw bytes of SHA-256(data).
std::string sha256(std::string_view data);

}  // namespace enlace::storage
