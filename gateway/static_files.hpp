// The built web UI: files under --web-root with their types; hashed assets cached for a year,
// index.html never cached.
#pragma once

#include "gateway/http_types.hpp"

#include <string>

namespace enlace::gateway {

Response serve_static(const Request& req, const std::string& web_root);

}  // namespace enlace::gateway
