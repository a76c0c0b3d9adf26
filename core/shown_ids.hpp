// The ids a listing page shows, as its audit event names them (API.md, Data protection).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace enlace::core {

// The row fetched only to detect a next page is not shown, so it is not named.
template <class T, class IdOf>
std::vector<std::string> shown_ids(const std::vector<T>& rows, int limit, IdOf id_of) {
  std::vector<std::string> ids;
  const std::size_t shown = std::min(rows.size(), static_cast<std::size_t>(std::max(limit, 0)));
  ids.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) ids.push_back(id_of(rows[i]));
  return ids;
}

}  // namespace enlace::core
