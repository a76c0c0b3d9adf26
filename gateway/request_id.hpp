// The id of a request the client gave none for: 64 bits as 16 hex digits. It names the
// request in the access log, in its audit events and in the X-Request-Id reply header, and a
// client may send its own (server.cpp), so it is no secret and needs no CSPRNG per request:
// drawing it with RAND_bytes went through OpenSSL's DRBG for every request (PERFORMANCE.md).
// Each thread has its own xoshiro256** generator, seeded from RAND_bytes on first use.
#pragma once

#include <string>

namespace enlace::gateway {

std::string new_request_id();

}  // namespace enlace::gateway
