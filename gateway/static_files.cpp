// Static files: see static_files.hpp.
#include "gateway/static_files.hpp"

#include "gateway/responses.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace enlace::gateway {

namespace fs = std::filesystem;

namespace {
const char* content_type(const fs::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

Response serve_static(const Request& req, const std::string& web_root) {
  if (web_root.empty()) return problem(req, 404, "not-found", "", "No such resource.");
  std::error_code ec;
  fs::path root = fs::weakly_canonical(web_root, ec);
  std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
  fs::path candidate = fs::weakly_canonical(root / rel, ec);
  // Refuse anything that escapes the root (.., symlinks out).
  auto [r_end, c_it] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  bool inside = !ec && r_end == root.end();
  if (!inside || !fs::is_regular_file(candidate, ec)) {
    // The UI routes by hash, so an unknown path is a real 404 except for the bare root.
    return problem(req, 404, "not-found", "", "No such resource.");
  }
  auto body = read_file(candidate);
  if (!body) return problem(req, 404, "not-found", "", "No such resource.");
  Response res;
  res.status = 200;
  res.content_type = content_type(candidate);
  res.body = std::move(*body);
  bool hashed = rel.rfind("assets/", 0) == 0;
  res.set("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

}  // namespace enlace::gateway
