// Router: segment-by-segment template matching; see router.hpp.
#include "gateway/router.hpp"

#include <stdexcept>

namespace enlace::gateway {

namespace {

// Segments after the leading slash; "//" yields an empty segment, which never matches.
std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return out;
  std::size_t i = 0;
  for (;;) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) {
      out.push_back(path.substr(i));
      return out;
    }
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
  auto p = split(pattern);
  auto s = split(path);
  if (p.size() != s.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (s[i].empty()) return false;  // "//" and a trailing slash name no resource
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      params[std::string(p[i].substr(1, p[i].size() - 2))] = std::string(s[i]);
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(Route route) {
  for (const auto& r : routes_)
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  // Literal segments win over parameters: try routes without a parameter at that place first.
  const Route* best = nullptr;
  std::size_t best_literals = 0;
  std::map<std::string, std::string> best_params;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    m.path_known = true;
    m.allowed.push_back(r.method);
    if (r.method != method) continue;
    std::size_t literals = split(r.pattern).size() - params.size();
    if (!best || literals > best_literals) {
      best = &r;
      best_literals = literals;
      best_params = std::move(params);
    }
  }
  m.route = best;
  m.params = std::move(best_params);
  return m;
}

}  // namespace enlace::gateway
