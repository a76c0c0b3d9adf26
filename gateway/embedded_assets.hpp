// The built web UI linked into the executable (generated from web/dist by
// cmake/embed_web.cmake): each file as is and, for text, gzip and brotli copies made at build
// time, so that serving one costs no compression and no file system access.
#pragma once

#include <span>
#include <string_view>

namespace enlace::gateway {

struct EmbeddedAsset {
  std::string_view path;    // "/index.html", "/assets/index-1a2b3c.js"
  std::string_view tag;     // the start of the file's SHA-256: strong ETags per encoding
  std::string_view plain;
  std::string_view gzip;    // empty when not smaller than plain
  std::string_view brotli;  // likewise
};

std::span<const EmbeddedAsset> embedded_assets();

}  // namespace enlace::gateway
