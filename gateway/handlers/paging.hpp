// List paging: ?limit= and the opaque ?cursor= (API.md, Conventions).
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace enlace::gateway {

// ?limit= (default 50, max 500) and ?cursor= (opaque; decoded to the last id seen).
struct Page {
  int limit = 50;
  std::string after;  // empty = from the start
};
core::Result<Page> read_page(const Request& req);
std::string encode_cursor(const std::string& last_key);
// The key inside a cursor this server made; nullopt for anything else (fuzzed: tests/fuzz).
std::optional<std::string> decode_cursor(std::string_view cursor);

}  // namespace enlace::gateway
