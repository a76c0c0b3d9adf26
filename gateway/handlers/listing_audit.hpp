// The audit of a listing page (API.md, Data protection): one event per page naming the records
// shown, committed before the page is answered, shared by the case and referral lists.
#pragma once

#include "core/result.hpp"
#include "gateway/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace enlace::gateway {

// The ids of the rows a page shows: the row fetched only to detect a next page is not shown,
// so it is not named.
template <class T, class IdOf>
std::vector<std::string> shown_ids(const std::vector<T>& rows, int limit, IdOf id_of) {
  std::vector<std::string> ids;
  const std::size_t shown = std::min(rows.size(), static_cast<std::size_t>(std::max(limit, 0)));
  ids.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) ids.push_back(id_of(rows[i]));
  return ids;
}

// Appends the page's event (storage::append_audit_listing) in a write of its own and waits for
// its commit; an error means the page must not be answered.
boost::asio::awaitable<core::Result<bool>> audit_listing(Request& req, std::string action,
                                                         std::string entity_type,
                                                         std::vector<std::string> ids);

}  // namespace enlace::gateway
