// Router: segment-by-segment template matching; see router.hpp.
#include "gateway/router.hpp"

#include "gateway/request_framing.hpp"

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

}  // namespace

Route& Route::paged() {
  param("limit", "Items per page (default 50, at most 500)", "integer");
  return param("cursor", "The next_cursor of the previous page");
}

Route& Router::add(Route route) {
  for (const auto& r : routes_)
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
  Segments seg;
  for (auto part : split(route.pattern)) {
    bool param = part.size() > 2 && part.front() == '{' && part.back() == '}';
    seg.names.emplace_back(param ? part.substr(1, part.size() - 2) : part);
    seg.is_param.push_back(param);
    seg.literals += param ? 0 : 1;
  }
  segments_.push_back(std::move(seg));
  routes_.push_back(std::move(route));
  return routes_.back();
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto parts = split(path);
  // Literal segments win over parameters: the route with the most literal segments is taken.
  const Segments* best = nullptr;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Segments& seg = segments_[i];
    if (seg.names.size() != parts.size()) continue;
    bool same = true;
    for (std::size_t j = 0; same && j < parts.size(); ++j)
      // A parameter needs a value ("//" names no resource) of plain text (no resource is named
      // otherwise: 404 on both engines); a literal matches itself, the empty last part of
      // "/hsds/" too.
      same = seg.is_param[j] ? !parts[j].empty() && is_plain_text(parts[j])
                             : seg.names[j] == parts[j];
    if (!same) continue;
    const Route& r = routes_[i];
    m.path_known = true;
    m.allowed.push_back(r.method);
    if (r.method != method) continue;
    if (!best || seg.literals > best->literals) {
      best = &seg;
      m.route = &r;
    }
  }
  if (best)
    for (std::size_t j = 0; j < parts.size(); ++j)
      if (best->is_param[j]) m.params[best->names[j]] = std::string(parts[j]);
  return m;
}

}  // namespace enlace::gateway
