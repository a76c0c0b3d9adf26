// The head of a reply (status line and header fields) as one string, for the common case:
// the bytes Beast's serializer writes for to_wire()'s http::response (server.cpp), without
// building its field set and walking it as a chain of buffers, which was about a tenth of
// /healthz's user-space CPU (PERFORMANCE.md). Defined in server.cpp, where Beast is.
#pragma once

#include "gateway/http_types.hpp"

#include <optional>
#include <string>

namespace enlace::gateway {

// HTTP/1.1, a status that has a body (not 1xx, 204 or 304), header names distinct and none
// of Server, Content-Type, Content-Length, Connection or Transfer-Encoding, no CR or LF:
// "HTTP/1.1 <status> <reason>", Server, the response's headers in order, its security headers
// (security_headers.hpp), Content-Type, Connection: close unless keep_alive, Content-Length.
// Anything else: nullopt (to_wire).
std::optional<std::string> response_head(const Response& res, unsigned version, bool keep_alive);

}  // namespace enlace::gateway
