// The web UI: by default the copy built into the executable (gateway/embedded_assets.hpp),
// served precompressed with strong ETags; with --web-root, the files of that directory (for
// UI development). Hashed assets are cached for a year, HTML never.
#pragma once

#include "gateway/http_types.hpp"

#include <string>
#include <string_view>

namespace enlace::gateway {

Response serve_static(const Request& req, const std::string& web_root);

struct AcceptedEncodings {
  bool brotli = false;
  bool gzip = false;
};
// Which of the encodings we keep a client accepts (q=0 refuses; "*" stands for the others).
AcceptedEncodings parse_accept_encoding(std::string_view header);

// Whether an If-None-Match header names this ETag (weak comparison, or "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace enlace::gateway
