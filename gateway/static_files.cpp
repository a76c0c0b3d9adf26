// Static files: see static_files.hpp.
#include "gateway/static_files.hpp"

#include "gateway/embedded_assets.hpp"
#include "gateway/responses.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace enlace::gateway {

namespace fs = std::filesystem;

namespace {
const char* content_type(std::string_view path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

// Hashed build output never changes under its name; everything else may change with a new
// build. HTML is never stored: it names the current assets, and a stale copy would keep a
// retired bundle alive.
const char* cache_control(std::string_view rel) {
  if (rel.rfind("assets/", 0) == 0) return "public, max-age=31536000, immutable";
  if (rel.ends_with(".html")) return "no-store";
  return "no-cache";
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Response not_found(const Request& req) {
  return problem(req, 404, "not-found", "", "No such resource.");
}

const EmbeddedAsset* find_embedded(std::string_view path) {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, const EmbeddedAsset*>();
    for (const auto& a : embedded_assets()) m->emplace(a.path, &a);
    return m;
  }();
  auto it = index->find(path);
  return it == index->end() ? nullptr : it->second;
}

Response serve_from_directory(const Request& req, const std::string& web_root,
                              const std::string& rel) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(web_root, ec);
  fs::path candidate = fs::weakly_canonical(root / rel, ec);
  // Refuse anything that escapes the root (.., symlinks out).
  auto [r_end, c_it] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  bool inside = !ec && r_end == root.end();
  if (!inside || !fs::is_regular_file(candidate, ec)) return not_found(req);
  auto body = read_file(candidate);
  if (!body) return not_found(req);
  Response res;
  res.content_type = content_type(candidate.string());
  res.body = std::move(*body);
  res.set("Cache-Control", cache_control(rel));
  return res;
}

Response serve_embedded(const Request& req, const std::string& rel) {
  const EmbeddedAsset* asset = find_embedded("/" + rel);
  if (!asset) return not_found(req);
  auto accepted = parse_accept_encoding(req.header("accept-encoding").value_or(""));
  std::string_view body = asset->plain;
  std::string etag = "\"" + std::string(asset->tag);
  const char* encoding = nullptr;
  if (accepted.brotli && !asset->brotli.empty()) {
    body = asset->brotli, encoding = "br", etag += "-br";
  } else if (accepted.gzip && !asset->gzip.empty()) {
    body = asset->gzip, encoding = "gzip", etag += "-gz";
  }
  etag += "\"";
  Response res;
  res.set("ETag", etag);
  res.set("Cache-Control", cache_control(rel));
  if (!asset->gzip.empty() || !asset->brotli.empty()) res.set("Vary", "Accept-Encoding");
  if (auto inm = req.header("if-none-match"); inm && etag_matches(*inm, etag)) {
    res.status = 304;
    return res;
  }
  if (encoding) res.set("Content-Encoding", encoding);
  res.content_type = content_type(asset->path);
  res.body.assign(body);
  return res;
}
}  // namespace

AcceptedEncodings parse_accept_encoding(std::string_view header) {
  AcceptedEncodings out;
  bool star = false, br_said = false, gzip_said = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    bool ok = true;  // q=0 means "not acceptable" (RFC 9110, 12.5.3)
    if (semi != std::string_view::npos) {
      std::string params(item.substr(semi + 1));
      params.erase(std::remove_if(params.begin(), params.end(), [](char c) { return c == ' ' || c == '\t'; }),
                   params.end());
      if (boost::algorithm::istarts_with(params, "q=")) {
        auto q = params.substr(2);
        ok = !(q == "0" || (q.rfind("0.", 0) == 0 && q.find_first_not_of("0", 2) == std::string::npos));
      }
    }
    if (boost::algorithm::iequals(name, "br")) out.brotli = ok, br_said = true;
    else if (boost::algorithm::iequals(name, "gzip") || boost::algorithm::iequals(name, "x-gzip"))
      out.gzip = ok, gzip_said = true;
    else if (name == "*") star = ok;
  }
  if (star) {
    if (!br_said) out.brotli = true;
    if (!gzip_said) out.gzip = true;
  }
  return out;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  // Weak comparison (RFC 9110, 13.1.2): a W/ prefix does not matter.
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view item = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*") return true;
    if (item.rfind("W/", 0) == 0) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

Response serve_static(const Request& req, const std::string& web_root) {
  // The UI routes by hash, so an unknown path is a real 404 except for the bare root and the
  // two pages opened from outside without an account: a respond link (mailed, on paper), which
  // the UI answers, and /track (the QR code on the person's slip), its own small page.
  const bool respond_link = req.path.starts_with("/respond/") && req.path.size() > 9 &&
                            req.path.find('/', 9) == std::string::npos;
  std::string rel = req.path == "/" || respond_link ? "index.html"
                    : req.path == "/track"          ? "track.html"
                                                    : req.path.substr(1);
  if (!web_root.empty()) return serve_from_directory(req, web_root, rel);
  return serve_embedded(req, rel);
}

}  // namespace enlace::gateway
