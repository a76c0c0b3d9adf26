// Checks on a request head made before its body is read: message framing (request
// smuggling) and the declared body size. Plain values in, so the fuzz targets and the session
// share one implementation without sharing Beast types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enlace::gateway {

struct FramingFacts {
  std::size_t transfer_encoding_headers = 0;  // how many Transfer-Encoding fields
  std::string_view transfer_encoding;         // the value of the first one
  bool has_content_length = false;
  std::optional<std::uint64_t> content_length;  // as the parser understood it
};

enum class Framing {
  ok,
  ambiguous,  // 400: Content-Length with Transfer-Encoding, or a coding other than chunked
  too_large,  // 413: the declared body is over the limit
};

Framing check_framing(const FramingFacts& facts, std::size_t max_body_bytes);

// What a decoded path parameter, query name or query value may hold: UTF-8 without NUL. No
// id, code or search is anything else, and a text column takes it on both engines (PostgreSQL
// refuses other bytes, and libpq would cut a value at its NUL).
bool is_plain_text(std::string_view s);

// The request target in origin form ("/path?query"), decoded. nullopt when it is not valid.
struct Target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};
std::optional<Target> parse_target(std::string_view target);

}  // namespace enlace::gateway
